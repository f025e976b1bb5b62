"""KB ingest firewall: quarantine articles that could steer the agent or hide text.

Any HTML element outside code is treated as suspicious. Articles are Markdown; raw HTML is how
text gets hidden from the human reviewer (display:none, hidden, comments, white-on-white) while
staying visible to the model, and Markdown can express everything a KB article needs. The
check is limited to real HTML element names so placeholders such as ``<username>`` pass.
"""

from __future__ import annotations

import re

from guardrails import normalize, rules
from guardrails.policy import GuardrailPolicy
from guardrails.verdict import Action, Verdict

_CODE = re.compile(r"```[\s\S]*?(?:```|\Z)|~~~[\s\S]*?(?:~~~|\Z)|`[^`\n]*`")
_ELEMENTS = (
    "a|abbr|applet|audio|b|base|bgsound|blockquote|body|br|button|center|details|dialog|div"
    "|em|embed|font|form|frame|frameset|h[1-6]|head|hr|html|i|iframe|img|input|kbd|label|li"
    "|link|marquee|math|meta|noscript|object|ol|option|p|pre|s|script|select|small|source|span"
    "|strong|style|sub|summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|title"
    "|tr|track|u|ul|video"
)
_HTML = re.compile(rf"<\s*/?\s*(?:{_ELEMENTS})\b[^>]*>|<!--|<\s*[a-z][\w-]*\s+[\w-]+\s*=",
                   re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|\bhidden\b|font-size\s*:\s*0"
                     r"|color\s*:\s*(?:white|#fff\b|#ffffff)|opacity\s*:\s*0", re.IGNORECASE)
_SCRIPTY = re.compile(r"<\s*(?:script|iframe|object|embed)\b|javascript\s*:|\bon[a-z]+\s*=",
                      re.IGNORECASE)
CODE = "prompt_injection"


def scan_article(text: str, policy: GuardrailPolicy | None = None) -> Verdict:
    """Quarantine (REFUSE, ``prompt_injection``) or ALLOW one article's full text."""
    policy = policy or GuardrailPolicy()
    reasons: list[str] = []
    invisible = normalize.count_invisible(text)
    if invisible:
        reasons.append(f"{invisible} zero-width, bidi-override or tag character(s)")
    prose = _CODE.sub(" ", text)
    if _SCRIPTY.search(prose):
        reasons.append("script, frame or event-handler markup")
    elif _HTML.search(prose):
        hidden = any(_HIDDEN.search(m.group()) for m in _HTML.finditer(prose))
        reasons.append("hidden HTML content" if hidden else "raw HTML outside code blocks")
    found = rules.assess_document(text, rules.UNTRUSTED)
    if found.score >= policy.injection_threshold:
        reasons.append("instructions aimed at the assistant (" + ", ".join(found.hits) + ")")
    if reasons:
        return Verdict("kb_firewall", Action.REFUSE, tuple(reasons), CODE, found.score)
    return Verdict("kb_firewall", Action.ALLOW, ("clean",), None, found.score)

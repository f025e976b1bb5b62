"""Reply screening: safe Markdown, allowed links only, nobody else's data, no private role card.

The reply is cleaned as Markdown (what the widget renders) and then rendered once with
markdown-it and nh3 as a cross-check; ``html`` is that sanitised rendering, ready to show.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

from guardrails import pii
from guardrails.policy import GuardrailPolicy, ScreenContext
from guardrails.verdict import Action, Verdict

_CODE = re.compile(r"```[\s\S]*?(?:```|\Z)|~~~[\s\S]*?(?:~~~|\Z)|`[^`\n]*`")
_DANGEROUS_BLOCK = re.compile(
    r"<\s*(script|style|iframe|object|embed|template|noscript|svg|math)\b[\s\S]*?"
    r"(?:<\s*/\s*\1\s*>|\Z)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--[\s\S]*?(?:-->|\Z)")
# A whole tag is stripped with its attributes. An autolink (<https://...>) never matches: the
# ":" after its scheme is not allowed in a tag name.
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
# Whatever "<" is left that could still open a tag or comment is escaped.
_TAG_START = re.compile(r"<(?=[a-zA-Z/!?])(?![a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*>)")
_UNSAFE_RENDERED = re.compile(r"<script|<[a-z][^>]*\son[a-z]+\s*=|(?:href|src)\s*=\s*\"?\s*"
                              r"(?:javascript|data|vbscript):", re.IGNORECASE)
_MD_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_DEF = re.compile(r"(?m)^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s.*)?$")
_AUTOLINK = re.compile(r"<((?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}):[^<>\s]*)>")
_BARE_URL = re.compile(
    r"(?<![\w(\[<\"'/=])(?:https?|ftp|file|javascript|data|vbscript):[^\s<>()\]]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\""
_EMPLOYEE_ID = re.compile(r"\bE\d{6}\b")
# Format examples in articles ("first.last@corp.example") are not anybody's address.
_TEMPLATE_LOCALS = frozenset({"first.last", "firstname.lastname", "name", "user", "username",
                              "your.name", "jane.doe", "john.doe"})
_TAGS = {"p", "a", "img", "strong", "em", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3",
         "h4", "h5", "h6", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td"}
FALLBACK = ("I can't show that answer safely, so I've passed your question to the Service Desk. "
            "Someone will follow up with you.")


@dataclass(frozen=True)
class OutputScreening:
    text: str
    html: str
    verdicts: list[Verdict]
    action: Action
    code: str | None


def link_allowed(url: str, policy: GuardrailPolicy) -> bool:
    url = url.strip()
    if url.startswith(policy.kb_path_prefix) and ".." not in url:
        return True
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme.lower() == "mailto":
        return parts.path.lower() in {c.lower() for c in policy.public_contacts}
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() != "https" or not host or parts.username or parts.password:
        return False
    return any(host == h or host.endswith("." + h) for h in policy.allowed_link_hosts)


def _split_code(text: str) -> list[tuple[bool, str]]:
    out: list[tuple[bool, str]] = []
    pos = 0
    for m in _CODE.finditer(text):
        out.append((False, text[pos:m.start()]))
        out.append((True, m.group()))
        pos = m.end()
    out.append((False, text[pos:]))
    return out


def _clean_html(prose: str) -> tuple[str, int]:
    cleaned, n_blocks = _DANGEROUS_BLOCK.subn("", prose)
    cleaned, n_comments = _COMMENT.subn("", cleaned)
    cleaned, n_tags = _TAG.subn("", cleaned)
    cleaned, n_open = _TAG_START.subn("&lt;", cleaned)
    return cleaned, n_blocks + n_comments + n_tags + n_open


def _clean_links(prose: str, policy: GuardrailPolicy) -> tuple[str, int]:
    removed = 0

    def md_link(m: re.Match[str]) -> str:
        nonlocal removed
        if link_allowed(m.group(3), policy):
            return m.group()
        removed += 1
        return "" if m.group(1) else m.group(2)

    def bare(m: re.Match[str]) -> str:
        nonlocal removed
        if m.lastindex:
            url, tail = m.group(1), ""
        else:
            # "Go to https://mfa.corp.example, sign in": the sentence's punctuation is not
            # part of the address (a host "mfa.corp.example," is no allowed host).
            url = m.group().rstrip(_TRAILING)
            tail = m.group()[len(url):]
        if link_allowed(url, policy):
            return m.group()
        removed += 1
        return "[link removed]" + tail

    prose = _MD_LINK.sub(md_link, prose)
    prose = _REF_DEF.sub(lambda m: m.group() if link_allowed(m.group(1), policy) else "", prose)
    prose = _AUTOLINK.sub(bare, prose)
    return _BARE_URL.sub(bare, prose), removed


def _spans(text: str, quoted: Sequence[str]) -> list[tuple[int, int]]:
    out = []
    for q in filter(None, quoted):
        at = text.find(q)
        while at >= 0:
            out.append((at, at + len(q)))
            at = text.find(q, at + 1)
    return out


def _clean_people(text: str, ctx: ScreenContext, policy: GuardrailPolicy,
                  quoted: Sequence[str] = ()) -> tuple[str, list[str]]:
    # Article text quoted word for word holds no one's password (the employee's own typing is
    # redacted before the graph sees it), but it names UI labels right after "password"
    # ("your password, or **Unlock and reset**") that the detectors would blank out.
    kb = _spans(text, quoted)
    findings = [
        f for f in pii.find(text, ctx, public=policy.public_contacts)
        if not (f.type == "email" and text[f.start:f.end].split("@")[0].lower() in _TEMPLATE_LOCALS)
        and not (f.type == "password" and any(a <= f.start and f.end <= b for a, b in kb))
    ]
    text = pii.redact(text, findings)
    kinds = sorted({f.type for f in findings})
    own_id = (ctx.employee_id or "").upper()
    text, n_ids = _EMPLOYEE_ID.subn(
        lambda m: m.group() if m.group().upper() == own_id else pii.placeholder("employee_id"),
        text)
    if text.count(pii.placeholder("employee_id")):
        kinds.append("employee_id")
    return text, kinds


def _render(markdown: str, policy: GuardrailPolicy) -> str:
    rendered = MarkdownIt("commonmark", {"html": False}).render(markdown)

    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr in ("href", "src") and not link_allowed(value, policy):
            return None
        return value

    return nh3.clean(rendered, tags=_TAGS,
                     attributes={"a": {"href", "title"}, "img": {"src", "alt"}},
                     attribute_filter=keep)


def _leaks_private(text: str, policy: GuardrailPolicy) -> bool:
    low = text.casefold()
    return any(m.strip() and m.casefold() in low for m in policy.private_markers)


def screen_reply(reply: str, ctx: ScreenContext, policy: GuardrailPolicy,
                 quoted: Sequence[str] = ()) -> OutputScreening:
    """``quoted``: passages of the reply quoted verbatim from knowledge-base articles."""
    if _leaks_private(reply, policy):
        v = Verdict("output_private", Action.REFUSE, ("reply contains private role-card text",),
                    "prompt_injection", 1.0)
        return OutputScreening(FALLBACK, _render(FALLBACK, policy), [v], v.action, v.code)
    verdicts: list[Verdict] = []
    parts: list[str] = []
    html_fixes = link_fixes = 0
    for is_code, chunk in _split_code(reply):
        if not is_code:
            chunk, n_links = _clean_links(chunk, policy)
            chunk, n_html = _clean_html(chunk)
            html_fixes += n_html
            link_fixes += n_links
        parts.append(chunk)
    text, kinds = _clean_people("".join(parts), ctx, policy, quoted)
    if html_fixes:
        verdicts.append(Verdict("output_html", Action.REDACT,
                                (f"escaped or removed {html_fixes} raw HTML fragment(s)",)))
    if link_fixes:
        reason = f"removed {link_fixes} link(s) outside the KB and allowed hosts"
        verdicts.append(Verdict("output_links", Action.REDACT, (reason,)))
    if kinds:
        verdicts.append(Verdict("output_data", Action.REDACT,
                                tuple(f"redacted {k}" for k in kinds), "other_person_data"))
    html = _render(text, policy)
    if _UNSAFE_RENDERED.search(html):
        # The cleaners above should make this unreachable; if not, show nothing of the reply.
        v = Verdict("output_html", Action.ESCALATE, ("unsafe HTML survived sanitising",),
                    "unexpected_error")
        return OutputScreening(FALLBACK, _render(FALLBACK, policy), [*verdicts, v], v.action,
                               v.code)
    if not verdicts:
        verdicts.append(Verdict("output", Action.ALLOW, ("reply is safe to show",)))
    action = Action.REDACT if any(v.action is Action.REDACT for v in verdicts) else Action.ALLOW
    code = next((v.code for v in verdicts if v.code), None)
    return OutputScreening(text, html, verdicts, action, code)

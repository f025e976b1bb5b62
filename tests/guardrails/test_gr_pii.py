"""PII and secret redaction: each entity type, its look-alikes, and the employee's own data."""

from __future__ import annotations

import pytest

from guardrails import identifiers, pii
from guardrails.policy import GuardrailPolicy, ScreenContext
from guardrails.verdict import Action

from .conftest import OWN

GOOGLE = "AIzaSyD-1234567890abcdefghijklmnopqrstu"
GITHUB = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
SLACK = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
JWT = ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
       "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")

POSITIVE = [
    ("email", "Please cc maria.garcia@corp.example on it", "maria.garcia@corp.example"),
    ("email_plus", "send it to j.smith+hr@partner.co.uk", "j.smith+hr@partner.co.uk"),
    ("phone_nanp", "her number is (415) 555-0199", "(415) 555-0199"),
    ("phone_intl", "call Tom on +44 20 7946 0958 today", "+44 20 7946 0958"),
    ("phone_uk_mobile", "mobile 07700 900123", "07700 900123"),
    ("phone_bare_context", "call me on 4155550177 after lunch", "4155550177"),
    ("ssn", "my SSN is 123-45-6789", "123-45-6789"),
    ("ssn_bare_context", "social security number 123456789 on the form", "123456789"),
    ("uk_nino", "NI number AB 12 34 56 C for payroll", "AB 12 34 56 C"),
    ("es_dni", "DNI 12345678Z", "12345678Z"),
    ("es_nie", "NIE Y3493938E", "Y3493938E"),
    ("ca_sin", "SIN 524-591-518", "524-591-518"),
    ("in_aadhaar", "Aadhaar 4255 2295 6558", "4255 2295 6558"),
    ("fr_nir", "INSEE 1 65 07 10 481 081 41", "1 65 07 10 481 081 41"),
    ("card_visa_spaced", "card 4111 1111 1111 1111 exp 09/28", "4111 1111 1111 1111"),
    ("card_mc_plain", "use 5222499556697642 please", "5222499556697642"),
    ("card_amex", "amex 3782 822463 10005", "3782 822463 10005"),
    ("card_dashed", "4532-3350-5860-3399 was declined", "4532-3350-5860-3399"),
    ("iban_gb", "IBAN GB82WEST12345698765432 for the refund", "GB82WEST12345698765432"),
    ("iban_spaced", "pay FR14 2004 1010 0505 0001 3M02 606", "FR14 2004 1010 0505 0001 3M02 606"),
    ("password_is", "my password is Summer2024! and it fails", "Summer2024!"),
    ("password_plain_word", "my password is sunshine", "sunshine"),
    ("password_colon", "pwd: Kx9#mq2L", "Kx9#mq2L"),
    ("password_equals", "password=Winter2025$", "Winter2025$"),
    ("password_json", '{"password": "s3cretSauce#1"}', "s3cretSauce#1"),
    ("password_its", "Do you need my password? it's Hunter2!", "Hunter2!"),
    ("password_url", "https://svc:Rep0rt!ng@db.corp.example/x", "Rep0rt!ng"),
    ("pin", "my PIN is 4821", "4821"),
    ("inline_tried", "I tried Kx9!pL2#qv and it still fails", "Kx9!pL2#qv"),
    ("inline_pw_is", "my pw is hunter2!!", "hunter2!!"),
    ("inline_rejects", "the VPN rejects Summer2024! every time", "Summer2024!"),
    ("inline_quoted", "Entered 'blue-Falcon-88' but Outlook says wrong", "blue-Falcon-88"),
    ("inline_bare_four_classes", "can you check why Jx8#kq!Lm2 isn't accepted?", "Jx8#kq!Lm2"),
    ("passcode_digits", "passcode 739204 doesn't unlock the tablet", "739204"),
    ("aws_key", "key AKIAIOSFODNN7EXAMPLE leaked", "AKIAIOSFODNN7EXAMPLE"),
    ("google_key", f"maps key {GOOGLE}", GOOGLE),
    ("stripe_key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
    ("generic_key", "api_key=9f8e7d6c5b4a39281706f5e4d3c2b1a0",
     "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
    ("github", f"token {GITHUB}", GITHUB),
    ("slack", f"bot token {SLACK}", SLACK),
    ("jwt", f"the app returned {JWT}", JWT),
    ("bearer", "Authorization: Bearer abcdefghijklmnop1234567890", "abcdefghijklmnop1234567890"),
    ("basic_auth", "Authorization: Basic YWxleDpTM2NyZXQhMjAyNg==", "YWxleDpTM2NyZXQhMjAyNg=="),
    ("password_env", "DB_PASSWORD=Sp4rrow!Nest\nDB_HOST=db01", "Sp4rrow!Nest"),
    ("password_conn", "Server=sql1;User Id=app;Password=Hx8#kLm2Qp;", "Hx8#kLm2Qp"),
    ("password_mysql", "mysql -u app -pQuiet4Storm -h db1", "Quiet4Storm"),
    ("password_flag", "tool login --password=Amber!Fox72 --user alex", "Amber!Fox72"),
    ("password_polish", "hasło: Wiosna#2026 nie działa", "Wiosna#2026"),
    ("password_russian", "пароль: Zima!2026 не подходит", "Zima!2026"),
    ("password_japanese", "パスワードは Sora#2026 です", "Sora#2026"),
    ("password_apposition", "The temp password you sent, Bq7-Tn3-Wx9, expired", "Bq7-Tn3-Wx9"),
    ("password_weak_word", "I used password2024 everywhere, should I change it?", "password2024"),
    ("password_picked", "the new one I chose is Lantern-Moss-4, did it sync?", "Lantern-Moss-4"),
    ("password_czech", "heslo je Lipa#3318 ale nefunguje", "Lipa#3318"),
    ("password_nordic_definite", "passordet er Fjord_6610 men det virker ikke", "Fjord_6610"),
    ("password_turkish_possessive", "şifrem Kavak!512 ama giremiyorum", "Kavak!512"),
    ("password_indonesian", "kata sandi saya adalah Rumah#908", "Rumah#908"),
    ("password_upper_env", "export PGPASSWORD=Vx3mQ9tLw7 && psql -h db02", "Vx3mQ9tLw7"),
    ("password_xml", "<db><passwd>Cedar!Path4</passwd></db>", "Cedar!Path4"),
    ("password_for_a_device", "the password for the meeting room tablet is Otter55Room",
     "Otter55Room"),
    ("pin_for_a_purpose", "the pin for my phone's sim card was 730194", "730194"),
]
TYPES = {
    "email": "email", "email_plus": "email", "phone_nanp": "phone", "phone_intl": "phone",
    "phone_uk_mobile": "phone", "phone_bare_context": "phone", "ssn": "gov_id",
    "ssn_bare_context": "gov_id", "uk_nino": "gov_id", "es_dni": "gov_id", "es_nie": "gov_id",
    "ca_sin": "gov_id", "in_aadhaar": "gov_id", "fr_nir": "gov_id", "card_visa_spaced": "card",
    "card_mc_plain": "card", "card_amex": "card", "card_dashed": "card", "iban_gb": "iban",
    "iban_spaced": "iban", "password_is": "password", "password_plain_word": "password",
    "password_colon": "password", "password_equals": "password", "password_json": "password",
    "password_its": "password", "password_url": "password", "pin": "password",
    "inline_tried": "password", "inline_pw_is": "password", "inline_rejects": "password",
    "inline_quoted": "password", "inline_bare_four_classes": "password",
    "passcode_digits": "password",
    "aws_key": "api_key", "google_key": "api_key", "stripe_key": "api_key",
    "generic_key": "api_key", "github": "token", "slack": "token", "jwt": "token",
    "bearer": "token", "basic_auth": "token", "password_env": "password",
    "password_conn": "password", "password_mysql": "password", "password_flag": "password",
    "password_polish": "password", "password_russian": "password",
    "password_japanese": "password", "password_apposition": "password",
    "password_weak_word": "password", "password_picked": "password",
    "password_czech": "password", "password_nordic_definite": "password",
    "password_turkish_possessive": "password", "password_indonesian": "password",
    "password_upper_env": "password", "password_xml": "password",
    "password_for_a_device": "password", "pin_for_a_purpose": "password",
}
PEM = ("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq9\nq2Zf0K1x\n"
       "-----END RSA PRIVATE KEY-----")

LOOKALIKES = [
    ("ticket_ids", "INC0012345 and REQ0012345 and RITM0045678 are open"),
    ("employee_and_kb", "E000123 should read KB-1001 and KB1102"),
    ("error_code", "Windows Update fails with 0x80070005"),
    ("ip_address", "ping 10.20.30.40 and 192.168.1.254 time out"),
    ("version", "build 10.0.19045.3803 and Outlook 16.0.17328.20142"),
    ("non_luhn_16", "serial 1234567890123456 on the sticker"),
    ("non_luhn_grouped", "order 4111 1111 1111 1112 shipped"),
    ("date_time", "on 2026-03-14 at 10:30, or 14/03/2026"),
    ("extension", "call the service desk on extension 4357"),
    ("guid", "GUID 3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
    ("mac", "MAC 00:1A:2B:3C:4D:5E is blocked"),
    ("password_state", "my password is expired and the password is too short"),
    ("password_not_value", "I need to reset my password to access email"),
    ("token_expired", "the token expired and my API key stopped working"),
    ("public_cert", "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----"),
    ("imei", "Device 352099001761481 shows as unmanaged"),
    ("meeting_id", "The Teams meeting ID is 123 456 789 012"),
    ("invalid_iban", "GB82WEST12345698765433 is what the form says"),
    ("invalid_nino_prefix", "reference QQ 12 34 56 C"),
    ("tried_a_step", "I tried restarting and it still fails"),
    ("tried_a_product", "I tried Windows11 compatibility mode, login still fails"),
    ("tried_a_version", "I tried v4.2.1 of the VPN client and it still fails"),
    ("tried_key_combo", "I pressed Ctrl+Alt+Del and typed my password, it still freezes"),
    ("tried_a_cipher", "Using AES-256 on the share, the login fails for the mapped drive"),
    ("tried_a_url", "I tried https://portal.corp.example/login?next=%2Fhome and it fails"),
    ("policy_symbols", "The password must contain !, @ or # and be 14 characters"),
    ("env_settings", "DB_HOST=db01.corp.example\nAWS_REGION=eu-west-1\nLOG_LEVEL=Debug2"),
    ("conn_no_secret", "Server=sql02.corp.example;Database=hr;Trusted_Connection=True;"),
    ("mysql_prompt", "mysql -u app -p -h db1 asks for a password and then fails"),
    ("password_variable", "docker login -u app -p $REGISTRY_PASS registry.corp.example"),
    ("password_on_a_product", "my password on Windows keeps expiring every week"),
    ("password_to_an_id", "the password to E004411 was reset by the service desk"),
    ("upper_env_placeholder", "set PGPASSWORD=$DB_SECRET before running the script"),
    ("password_in_a_link_title", "See [Change your password](/kb/KB-2210) for the steps"),
]


def test_connection_string_password_ends_at_the_next_field() -> None:
    text = "Server=sql07;Uid=rpt;Pwd=Gq5zR8wXk2;Encrypt=true"
    result = pii.scan(text, OWN, GuardrailPolicy())
    assert result.redacted_text == "Server=sql07;Uid=rpt;Pwd=[REDACTED:PASSWORD];Encrypt=true"


@pytest.mark.parametrize(("case", "text", "value"), POSITIVE, ids=[p[0] for p in POSITIVE])
def test_entity_is_redacted_with_typed_placeholder(case: str, text: str, value: str) -> None:
    result = pii.scan(text, OWN, GuardrailPolicy())
    kind = TYPES[case]
    assert value not in result.redacted_text
    assert pii.placeholder(kind) in result.redacted_text
    assert kind in result.types
    assert result.verdict.action is Action.REDACT
    assert all(value not in r for r in result.verdict.reasons)


def test_private_key_block_is_redacted_whole() -> None:
    result = pii.scan(f"is this ok?\n{PEM}\nthanks", OWN, GuardrailPolicy())
    assert result.redacted_text == "is this ok?\n[REDACTED:PRIVATE_KEY]\nthanks"
    assert result.types == ["private_key"]
    assert result.verdict.code == "secret_in_chat"


@pytest.mark.parametrize(("case", "text"), LOOKALIKES, ids=[c for c, _ in LOOKALIKES])
def test_lookalikes_are_left_alone(case: str, text: str) -> None:
    result = pii.scan(text, OWN, GuardrailPolicy())
    assert result.redacted_text == text
    assert result.findings == ()
    assert result.verdict.action is Action.ALLOW


OWN_DATA = [
    ("own_email", "my email is alex.doe@corp.example"),
    ("own_email_case", "reply to Alex.Doe@Corp.Example please"),
    ("own_phone_other_format", "reach me on (555) 010-2233"),
    ("public_contact", "I emailed servicedesk@corp.example already"),
]


@pytest.mark.parametrize(("case", "text"), OWN_DATA, ids=[c for c, _ in OWN_DATA])
def test_own_and_public_contact_data_is_kept(case: str, text: str) -> None:
    policy = GuardrailPolicy(public_contacts=frozenset({"servicedesk@corp.example"}))
    assert pii.scan(text, OWN, policy).redacted_text == text


def test_password_after_a_password_question_in_the_previous_turn() -> None:
    ctx = ScreenContext(employee_id="E000100", history=("Do you need my password?",))
    result = pii.scan("it's Tr0ub4dor&3", ctx, GuardrailPolicy())
    assert result.redacted_text == "it's [REDACTED:PASSWORD]"
    assert "password" in result.types
    assert any("changed" in r for r in result.verdict.reasons)


def test_plain_follow_up_after_password_talk_is_not_a_password() -> None:
    ctx = ScreenContext(history=("my password expired",))
    assert pii.scan("ok thanks", ctx, GuardrailPolicy()).findings == ()


CHECKSUMS = [
    ("luhn_valid", identifiers.luhn_ok, "4111111111111111", True),
    ("luhn_invalid", identifiers.luhn_ok, "4111111111111112", False),
    ("iban_valid", identifiers.iban_ok, "DE89 3704 0044 0532 0130 00", True),
    ("iban_bad_check", identifiers.iban_ok, "DE88 3704 0044 0532 0130 00", False),
    ("iban_bad_length", identifiers.iban_ok, "DE89370400440532013", False),
    ("verhoeff_valid", identifiers.verhoeff_ok, "425522956558", True),
    ("verhoeff_invalid", identifiers.verhoeff_ok, "425522956559", False),
]


@pytest.mark.parametrize(("case", "fn", "value", "expected"), CHECKSUMS,
                         ids=[c[0] for c in CHECKSUMS])
def test_checksums(case: str, fn: object, value: str, expected: bool) -> None:
    assert callable(fn)
    assert fn(value) is expected


def test_several_entities_in_one_message_keep_surrounding_text() -> None:
    text = "Maria (maria.garcia@corp.example) paid with 4111 1111 1111 1111, INC0012345"
    result = pii.scan(text, OWN, GuardrailPolicy())
    assert result.redacted_text == "Maria ([REDACTED:EMAIL]) paid with [REDACTED:CARD], INC0012345"
    assert result.types == ["card", "email"]

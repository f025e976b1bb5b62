"""What the guardrails need to know: the policy (from the role card) and the session context."""

from __future__ import annotations

from dataclasses import dataclass, field

# Where out-of-scope topics should go instead. The app overrides these from the role card.
DEFAULT_REDIRECTS: tuple[tuple[str, str], ...] = (
    ("travel", "the Travel portal"),
    ("hr", "the HR portal"),
    ("payroll", "the HR portal (Pay & Benefits)"),
    ("finance", "the Finance portal (expenses and purchasing)"),
    ("facilities", "the Facilities portal"),
    ("general", "the intranet home page"),
)

DEFAULT_CRISIS_LINE = (
    "If you are in immediate danger, call your local emergency number now. You can also reach "
    "the 24/7 Employee Assistance line or a crisis line such as 988 (US) or 116 123 (UK)."
)


@dataclass(frozen=True)
class GuardrailPolicy:
    """Thresholds and toggles. Frozen so one policy object can be shared across requests."""

    # Injection: weighted rule score at or above which a message is an attack.
    injection_threshold: float = 1.0
    # Embedding check: cosine to the nearest attack exemplar that blocks on its own (a near
    # copy), the classifier probability that blocks on its own, and the lower probability that
    # blocks together with a partial rule score (>= 0.3).
    similarity_block: float = 0.85
    similarity_probability: float = 0.85
    similarity_partial_probability: float = 0.60
    # The n-gram head's own bar (fitted on held-out guardrail batches, 0.94) let it refuse
    # ordinary traffic those batches lack: "Thank you for the quick fix!", "I want someone
    # from the service desk", forwarded notifications, 3.5% of the dev routing messages. Alone
    # it blocks only from here (0.5% of them); below, it still bars tools (tool_gate_probability).
    head_block_floor: float = 0.98
    # Multi-turn: decayed sum of earlier turn scores plus this turn's that counts as crescendo.
    crescendo_threshold: float = 1.0
    crescendo_decay: float = 0.8
    # A message that is not blocked but scores this much (partial rule score, classifier
    # probability) may not make a tool call on its turn: detection misses phrasings nobody
    # tuned for, and a half-suspicious message should at least not act (see pipeline).
    tool_gate_rule_score: float = 0.3
    tool_gate_probability: float = 0.7
    # After this many earlier attacks in a conversation, the next one escalates.
    max_attacks_before_escalation: int = 1
    # Output: relative KB links and these hosts (and their subdomains) may be linked.
    kb_path_prefix: str = "/kb/"
    allowed_link_hosts: frozenset[str] = frozenset()
    # Emails/phones anyone may see in a reply (service desk number, functional mailboxes).
    public_contacts: frozenset[str] = frozenset()
    # Strings from the private part of the role card that must never reach a reply.
    private_markers: tuple[str, ...] = ()
    redirects: tuple[tuple[str, str], ...] = DEFAULT_REDIRECTS
    # Normalised names and aliases of the catalogue's software and access groups (see
    # guardrails.catalogue): requests for them go to approvals, and they are not people.
    catalogue: frozenset[str] = frozenset()
    crisis_line: str = DEFAULT_CRISIS_LINE
    # Budgets are checked after each check returns (pure Python cannot be pre-empted): an
    # overrun discards the result and fails closed. They catch pathological inputs and hangs,
    # they are not latency targets: regex checks take about a millisecond, so 500 ms leaves
    # room for a loaded machine; the similarity budget covers embedding the query when the
    # caller did not pass ``query_vec``.
    check_budget_ms: float = 500.0
    similarity_budget_ms: float = 5000.0
    # Longer messages are not screened piecemeal; they are refused (see pipeline).
    max_input_chars: int = 12_000
    enable_pii: bool = True
    enable_injection: bool = True
    enable_similarity: bool = True
    enable_scope: bool = True

    def redirect(self, topic: str) -> str:
        table = dict(self.redirects)
        return table.get(topic, table.get("general", "the intranet home page"))


@dataclass(frozen=True)
class ScreenContext:
    """Facts about the session. Identity comes from the authenticated session, not the chat."""

    employee_id: str | None = None
    email: str | None = None
    phone: str | None = None
    name: str | None = None
    username: str | None = None
    prior_attacks: int = 0
    abuse_warned: bool = False
    # Recent turns of this conversation, already redacted, oldest first.
    history: tuple[str, ...] = field(default_factory=tuple)

    def own_tokens(self) -> frozenset[str]:
        """Lower-cased identifiers that refer to the session's own employee."""
        out: set[str] = set()
        for value in (self.employee_id, self.email, self.username):
            if value:
                out.add(value.lower())
        if self.email and "@" in self.email:
            out.add(self.email.split("@", 1)[0].lower())
        if self.name:
            parts = self.name.lower().split()
            out.update(parts)
            out.add(".".join(parts))
        return frozenset(out)

"""The one settings object. Built once (``Settings()``) at the edge and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KB_DIR = PACKAGE_ROOT / "knowledge" / "articles"
DEFAULT_ROLE_CARD = PACKAGE_ROOT / "app" / "role_card.yaml"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ZERODESK_", extra="ignore")

    data_dir: Path = Field(default=Path("var"), description="All state on disk lives here.")
    database_url: str | None = Field(
        default=None, description="ITSM database; SQLite in data_dir when unset."
    )
    checkpoint_url: str | None = Field(
        default=None,
        description="LangGraph checkpoints; SQLite in data_dir when unset, or postgresql://...",
    )
    chroma_host: str | None = Field(
        default=None, description="Chroma server host; an on-disk store when unset."
    )
    chroma_port: int = 8001
    kb_dir: Path = DEFAULT_KB_DIR
    role_card: Path = DEFAULT_ROLE_CARD
    collection: str = Field(
        default="zerodesk-kb", pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{1,62}[A-Za-z0-9]$"
    )

    seed_employees: int = Field(default=76_000, ge=10)
    seed: int = 7

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    secret_key: str = Field(
        default="dev-only-change-me",
        description="Signs session tokens. Set a real secret outside development.",
    )
    frame_ancestors: str = "'self'"
    dev_login: bool = Field(
        default=True, description="The development login page; turn off where SSO is wired."
    )
    max_message_chars: int = Field(default=4000, ge=1)
    # A tool call slower than this is abandoned before its commit and the turn escalates.
    itsm_deadline_s: float = Field(default=5.0, gt=0)
    rate_limit_per_minute: int = Field(default=30, ge=1)

    llm: str | None = Field(
        default=None,
        description="A langchain-core chat model as 'package.module:Class'; deterministic when "
        "unset.",
    )
    llm_kwargs: str | None = Field(default=None, description="JSON keyword arguments for it.")

    @field_validator("data_dir", "kb_dir", "role_card")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def itsm_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'itsm.db').resolve()}"

    @property
    def checkpoints_target(self) -> str:
        return self.checkpoint_url or str((self.data_dir / "checkpoints.db").resolve())

    @property
    def outbox_path(self) -> Path:
        return self.data_dir / "escalation-outbox.jsonl"

    def ensure_dirs(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)

    # --- Background jobs (app/background.py), run by the served app; 0 turns one off. -------
    sla_sweep_interval_s: float = Field(
        default=60, ge=0, description="Seconds between SLA sweeps in the running server.")
    outbox_flush_interval_s: float = Field(
        default=30, ge=0, description="Seconds between retries of the escalation outbox.")

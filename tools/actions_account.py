"""Account tools: password reset, unlock, MFA reset. Each acts on one employee's account."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from pydantic import BaseModel
from sqlalchemy import select

from tools import audit
from tools.errors import NotFound
from tools.models import Account, Employee, MfaDevice
from tools.policy import resolve_target
from tools.results import ToolResult
from tools.runner import CallContext
from tools.tool_schemas import ResetMfaArgs, ResetPasswordArgs, UnlockAccountArgs

RESET_LINK_TTL = timedelta(minutes=30)


def _account(ctx: CallContext, target: Employee) -> Account:
    account = ctx.session.get(Account, target.id)
    if account is None:
        raise NotFound(f"{target.id} has no directory account")
    return account


def _masked_phone(target: Employee) -> str:
    return f"***{target.phone[-2:]}"


def reset_password(ctx: CallContext, raw: BaseModel) -> ToolResult:
    args = ResetPasswordArgs.model_validate(raw)
    target = resolve_target(ctx.session, ctx.principal, args.for_employee, mutating=True)
    account = _account(ctx, target)
    before = audit.snapshot(account)
    # The token goes only to the registered device; we keep its hash, never the token.
    token = secrets.token_urlsafe(24)
    digest = hashlib.sha256(token.encode("ascii")).hexdigest()
    account.reset_token_sha256 = digest
    account.reset_token_expires_at = ctx.now + RESET_LINK_TTL
    account.password_changed_at = ctx.now
    account.locked = False
    account.failed_attempts = 0
    account.locked_at = None
    reference = f"RST-{digest[:6].upper()}"
    audit.record(
        ctx.session, actor=ctx.actor, action="account.reset_password",
        entity=f"account:{target.id}", before=before, after=audit.snapshot(account),
        at=ctx.now, on_behalf_of=target.id, idempotency_key=ctx.idempotency_key,
    )
    return ToolResult(
        "reset_password",
        "completed",
        f"A one-time password reset link was sent to the registered device ending "
        f"{_masked_phone(target)}. It expires in 30 minutes. Reference {reference}.",
        {"employee_id": target.id, "reference": reference,
         "expires_at": account.reset_token_expires_at.isoformat(), "unlocked": True},
    )


def unlock_account(ctx: CallContext, raw: BaseModel) -> ToolResult:
    args = UnlockAccountArgs.model_validate(raw)
    target = resolve_target(ctx.session, ctx.principal, args.for_employee, mutating=True)
    account = _account(ctx, target)
    if not account.locked:
        return ToolResult(
            "unlock_account", "completed",
            "The account is not locked; no change was needed.",
            {"employee_id": target.id, "was_locked": False},
        )
    before = audit.snapshot(account)
    account.locked = False
    account.failed_attempts = 0
    account.locked_at = None
    audit.record(
        ctx.session, actor=ctx.actor, action="account.unlock",
        entity=f"account:{target.id}", before=before, after=audit.snapshot(account),
        at=ctx.now, on_behalf_of=target.id, idempotency_key=ctx.idempotency_key,
    )
    return ToolResult(
        "unlock_account", "completed", "The account is unlocked. You can sign in again.",
        {"employee_id": target.id, "was_locked": True},
    )


def reset_mfa(ctx: CallContext, raw: BaseModel) -> ToolResult:
    args = ResetMfaArgs.model_validate(raw)
    target = resolve_target(ctx.session, ctx.principal, args.for_employee, mutating=True)
    account = _account(ctx, target)
    devices = list(
        ctx.session.scalars(
            select(MfaDevice).where(MfaDevice.employee_id == target.id, MfaDevice.active)
        )
    )
    for device in devices:
        before = audit.snapshot(device)
        device.active = False
        device.revoked_at = ctx.now
        audit.record(
            ctx.session, actor=ctx.actor, action="mfa.revoke",
            entity=f"mfa_device:{device.id}", before=before, after=audit.snapshot(device),
            at=ctx.now, on_behalf_of=target.id, idempotency_key=ctx.idempotency_key,
        )
    before = audit.snapshot(account)
    account.mfa_enrollment_pending = True
    audit.record(
        ctx.session, actor=ctx.actor, action="account.reset_mfa",
        entity=f"account:{target.id}", before=before, after=audit.snapshot(account),
        at=ctx.now, on_behalf_of=target.id, idempotency_key=ctx.idempotency_key,
    )
    return ToolResult(
        "reset_mfa", "completed",
        f"{len(devices)} MFA device(s) were removed. At your next sign-in you will be asked "
        "to enrol a new device.",
        {"employee_id": target.id, "devices_revoked": len(devices)},
    )

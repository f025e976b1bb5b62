"""Directory tables: employees, their accounts, MFA devices and assets."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tools.db import Base, UTCDateTime

EMPLOYMENT_STATUSES = ("active", "on_leave", "terminated")
ROLES = ("employee", "manager", "it_staff")


class Employee(Base):
    __tablename__ = "employees"

    id: Mapped[str] = mapped_column(String(7), primary_key=True)
    first_name: Mapped[str] = mapped_column(String(40))
    last_name: Mapped[str] = mapped_column(String(40))
    email: Mapped[str] = mapped_column(String(120), unique=True)
    phone: Mapped[str] = mapped_column(String(24))
    department: Mapped[str] = mapped_column(String(40), index=True)
    location: Mapped[str] = mapped_column(String(40))
    time_zone: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(80))
    manager_id: Mapped[str | None] = mapped_column(ForeignKey("employees.id"), index=True)
    vip: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), index=True)
    # Derived at seed time: it_staff (IT department, with a group), manager (has reports).
    role: Mapped[str] = mapped_column(String(10), index=True)
    assignment_group: Mapped[str | None] = mapped_column(String(60))


class Account(Base):
    __tablename__ = "accounts"

    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"), primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Only a hash of the one-time reset token is kept; the token itself is never stored.
    reset_token_sha256: Mapped[str | None] = mapped_column(String(64))
    reset_token_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    mfa_enrollment_pending: Mapped[bool] = mapped_column(Boolean, default=False)


class MfaDevice(Base):
    __tablename__ = "mfa_devices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(60))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Asset(Base):
    __tablename__ = "assets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    serial: Mapped[str] = mapped_column(String(24), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    model: Mapped[str] = mapped_column(String(60))
    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"), index=True)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="in_use")

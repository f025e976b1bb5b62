"""What can be requested (software, access groups) and what is running (services)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tools.db import Base, UTCDateTime

SOFTWARE_POLICIES = ("auto", "manager", "restricted")
ACCESS_POLICIES = ("auto", "manager", "owner")
SERVICE_STATUSES = ("operational", "degraded", "outage")


class Software(Base):
    __tablename__ = "software"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(80), unique=True)
    vendor: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(40))
    approval: Mapped[str] = mapped_column(String(12))
    aliases: Mapped[list[Any]] = mapped_column(JSON)


class SoftwareGrant(Base):
    __tablename__ = "software_grants"
    __table_args__ = (UniqueConstraint("software_id", "employee_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    software_id: Mapped[int] = mapped_column(ForeignKey("software.id"))
    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"), index=True)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    approval_id: Mapped[int | None] = mapped_column(Integer)


class AccessGroup(Base):
    __tablename__ = "access_groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[str] = mapped_column(ForeignKey("employees.id"))
    approval: Mapped[str] = mapped_column(String(12))
    aliases: Mapped[list[Any]] = mapped_column(JSON)


class AccessGrant(Base):
    __tablename__ = "access_grants"
    __table_args__ = (UniqueConstraint("group_id", "employee_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("access_groups.id"))
    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"), index=True)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    approval_id: Mapped[int | None] = mapped_column(Integer)


class Service(Base):
    __tablename__ = "services"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    status: Mapped[str] = mapped_column(String(12))
    aliases: Mapped[list[Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Outage(Base):
    __tablename__ = "outages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    description: Mapped[str] = mapped_column(String(300))
    major_incident: Mapped[str | None] = mapped_column(String(10))

"""Every ITSM table, importable from one place."""

from tools.models_catalogue import (
    AccessGrant,
    AccessGroup,
    Outage,
    Service,
    Software,
    SoftwareGrant,
)
from tools.models_ops import AuditEntry, LedgerEntry, SeedMarker
from tools.models_people import Account, Asset, Employee, MfaDevice
from tools.models_tickets import Approval, Counter, Escalation, SlaBreach, Ticket, TicketComment

__all__ = [
    "AccessGrant",
    "AccessGroup",
    "Account",
    "Approval",
    "Asset",
    "AuditEntry",
    "Counter",
    "Employee",
    "Escalation",
    "LedgerEntry",
    "MfaDevice",
    "Outage",
    "SeedMarker",
    "Service",
    "SlaBreach",
    "Software",
    "SoftwareGrant",
    "Ticket",
    "TicketComment",
]

"""The app's typed errors. ``app.api.errors`` maps them to HTTP, ``app.cli`` to CLI messages."""

from __future__ import annotations


class ZerodeskError(Exception):
    """Base of every error the app raises on purpose."""


class ConfigError(ZerodeskError):
    """Settings or the role card are wrong; the message names the field."""


class BadInput(ZerodeskError):
    """The caller sent something unusable; the message says what and where."""


class NotFound(ZerodeskError):
    """A thing the caller named does not exist (or is not theirs to see)."""


class Forbidden(ZerodeskError):
    """The caller is authenticated but not allowed."""


class Unauthenticated(ZerodeskError):
    """No valid session."""


class Conflict(ZerodeskError):
    """The request clashes with the current state (e.g. a conversation held by a human)."""

"""The errors a user can act on: every message names the problem and what it concerns."""

from __future__ import annotations


class HandoverError(Exception):
    """Base of every error whose message is meant for the user."""


class ValidationError(HandoverError, ValueError):
    """A value refused by the domain; `field` names the field to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class TransitionError(HandoverError):
    """A handover status change that the status machine does not allow."""

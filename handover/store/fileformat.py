"""What marks a SQLite file as a Handover workspace: the id written into its header."""

from __future__ import annotations

# "HAND" as a 32-bit integer, written to the SQLite header's application_id field.
APPLICATION_ID = 0x48414E44

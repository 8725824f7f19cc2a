"""Fixtures the handover screens' stories share; each test file opens its own `session`
as the person whose story it tells."""

from __future__ import annotations

import pytest

from handover.domain.records import Account, Person
from handover.domain.template import load_default_template


@pytest.fixture
def people(session) -> dict[str, int]:
    return {p.name.split()[0].lower(): p.id for p in session.ws.all(Person)}


@pytest.fixture
def north(session) -> int:
    return session.ws.all(Account, "name = ?", ["Northwind Logistics"])[0].id


@pytest.fixture
def template():
    return load_default_template()

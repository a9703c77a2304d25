"""The kinds of alert, and how a change to the ledger asks for them to be checked.

This module is a leaf: the ledger imports `request_check` without importing the alert rules.
"""

import uuid
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.worker.jobs import PUBLISHER_KEY, enqueue_job

CHECK_JOB = "alerts.check"
_REQUESTED = "cashbook.alerts_requested"


class AlertKind(StrEnum):
    budget_warning = "budget_warning"  # a category's budget reached 80 %
    budget_exceeded = "budget_exceeded"  # ... and 100 %
    large_transaction = "large_transaction"  # one expense above the person's threshold
    goal_reached = "goal_reached"
    consent_expiring = "consent_expiring"  # a bank connection's consent ends soon
    monthly_summary = "monthly_summary"  # last month's income, spending and budgets


# Kinds a person asks for; every other kind is on until switched off.
OPT_IN = frozenset({AlertKind.monthly_summary})


def default_on(kind: str) -> bool:
    return kind not in OPT_IN


def request_check(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Check `user_id`'s alerts once this unit of work commits (once however often asked).

    A session without a job publisher (`cashbook demo seed` writing a year of history) asks
    for nothing: old data is not news."""
    if PUBLISHER_KEY not in session.info:
        return
    requested: set[uuid.UUID] = session.info.setdefault(_REQUESTED, set())
    if user_id not in requested:
        requested.add(user_id)
        enqueue_job(session, CHECK_JOB, str(user_id))

"""Actual spending per category and month: the one place budgets, alerts and goals read it.

Spending is money out of a category (refunds reduce it) in the person's base currency. An
expense spread over N months (`TransactionSpread`) counts 1/N in each of its months.

Kept here so every caller gets them at once:
- Transfers between a person's own accounts never count (`_lines`).
- A split transaction counts as its parts, each in its own category (each part spread like
  the whole when the transaction is spread).
- Amounts in another currency are converted the way reports convert them
  (`reports.service.converted_by_day`): each booking day's money in and money out apart, at
  that day's rate (the newest snapshot on or before it). A spread line is converted at its
  booking day, then spread. Amounts with no rate are left out and their currencies named
  (`Actuals.unconverted`), never dropped silently.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import Subquery, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.budgets.months import add_months, month_of, spread
from cashbook.config import Settings
from cashbook.ledger.lines import report_lines
from cashbook.models import Transaction, TransactionSpread, User
from cashbook.reports.repository import Period, ReportRepository
from cashbook.reports.service import converted_by_day

MAX_SPREAD_MONTHS = 60
Spending = dict[tuple[date, uuid.UUID], int]


@dataclass
class Actuals:
    spent: Spending
    unconverted: list[str]  # currencies with amounts that had no rate (left out)


class _SpreadLine(NamedTuple):
    """One spread line in the shape `converted_by_day` reads (a day's sums in a currency)."""

    position: int
    category_id: uuid.UUID
    months: int
    currency: str
    day: date
    income: int
    expense: int
    count: int = 1


def _spread_lines(user: User, since: date, end: date) -> Subquery:
    """The report lines (`ledger/lines.py`: a split counts as its parts) that can count."""
    return report_lines(
        Transaction.user_id == user.id,
        Transaction.transfer_id.is_(None),
        Transaction.booked_on >= since,
        Transaction.booked_on < end,
    )


async def spending(
    session: AsyncSession, settings: Settings, user: User, first: date, last: date
) -> Actuals:
    """Money out per (month, category) for the months `first`..`last` (first days), in the
    person's base currency."""
    end = add_months(last, 1)
    currency = user.base_currency
    totals: Spending = defaultdict(int)
    period = Period(user.id, first, end - timedelta(days=1), currency=currency)
    not_spread = ~exists().where(TransactionSpread.transaction_id == Transaction.id)
    rows = await ReportRepository(session).by_month(period, split_category=True, where=[not_spread])
    rows = [row for row in rows if row.category_id is not None]
    sums, missing = await converted_by_day(
        session,
        settings,
        currency,
        rows,
        lambda row: (date(int(row.year), int(row.month), 1), row.category_id),
    )
    for key, line in sums.items():
        totals[key] -= line.income + line.expense
    lines = _spread_lines(user, add_months(first, 1 - MAX_SPREAD_MONTHS), end)
    spread_rows = (
        select(
            lines.c.category_id,
            TransactionSpread.months,
            lines.c.currency,
            lines.c.booked_on,
            lines.c.amount,
        )
        .join(TransactionSpread, TransactionSpread.transaction_id == lines.c.transaction_id)
        .where(lines.c.category_id.is_not(None))
    )
    spread_lines = [
        _SpreadLine(
            position, category_id, months, line_currency, booked_on, max(amount, 0), min(amount, 0)
        )
        for position, (category_id, months, line_currency, booked_on, amount) in enumerate(
            await session.execute(spread_rows)
        )
        if add_months(month_of(booked_on), months - 1) >= first  # a share reaches the months
    ]
    converted, spread_missing = await converted_by_day(
        session, settings, currency, spread_lines, lambda line: line
    )
    for line, sums_of_line in converted.items():
        amount = sums_of_line.income + sums_of_line.expense
        for offset, share in enumerate(spread(amount, line.months)):
            counted_in = add_months(month_of(line.day), offset)
            if first <= counted_in <= last:
                totals[(counted_in, line.category_id)] -= share
    return Actuals(
        {key: value for key, value in totals.items() if value},
        sorted(set(missing) | set(spread_missing)),
    )

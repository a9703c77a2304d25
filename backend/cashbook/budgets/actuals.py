"""Actual spending per category and month: the one place budgets, alerts and goals read it.

Spending is money out of a category (refunds reduce it) in the person's base currency. An
expense spread over N months (`TransactionSpread`) counts 1/N in each of its months.

Kept here so every caller gets them at once:
- Transfers between a person's own accounts never count (`_lines`).
- A split transaction counts as its parts, each in its own category (each part spread like
  the whole when the transaction is spread).
- Amounts in another currency are left out until they are converted; the conversion belongs
  in `spending`, where the rows are summed.
"""

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import Subquery, extract, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.budgets.months import add_months, month_of, spread
from cashbook.ledger.lines import report_lines
from cashbook.models import Transaction, TransactionSpread, User

MAX_SPREAD_MONTHS = 60
Spending = dict[tuple[date, uuid.UUID], int]


def _lines(user: User, since: date, end: date) -> Subquery:
    """The report lines (`ledger/lines.py`: a split counts as its parts) that can count."""
    return report_lines(
        Transaction.user_id == user.id,
        Transaction.currency == user.base_currency,
        Transaction.transfer_id.is_(None),
        Transaction.booked_on >= since,
        Transaction.booked_on < end,
    )


async def spending(session: AsyncSession, user: User, first: date, last: date) -> Spending:
    """Money out per (month, category) for the months `first`..`last` (first days)."""
    end = add_months(last, 1)
    totals: Spending = defaultdict(int)
    lines = _lines(user, first, end)
    year = extract("year", lines.c.booked_on).label("year")
    month = extract("month", lines.c.booked_on).label("month")
    plain = (
        select(year, month, lines.c.category_id, func.sum(lines.c.amount))
        .outerjoin(TransactionSpread, TransactionSpread.transaction_id == lines.c.transaction_id)
        .where(lines.c.category_id.is_not(None), TransactionSpread.id.is_(None))
        .group_by(year, month, lines.c.category_id)
    )
    for row_year, row_month, category_id, total in await session.execute(plain):
        totals[(date(int(row_year), int(row_month), 1), category_id)] -= int(total)
    lines = _lines(user, add_months(first, 1 - MAX_SPREAD_MONTHS), end)
    spread_rows = (
        select(lines.c.booked_on, lines.c.category_id, lines.c.amount, TransactionSpread.months)
        .join(TransactionSpread, TransactionSpread.transaction_id == lines.c.transaction_id)
        .where(lines.c.category_id.is_not(None))
    )
    for booked_on, category_id, amount, months in await session.execute(spread_rows):
        for offset, share in enumerate(spread(amount, months)):
            counted_in = add_months(month_of(booked_on), offset)
            if first <= counted_in <= last:
                totals[(counted_in, category_id)] -= share
    return {key: value for key, value in totals.items() if value}

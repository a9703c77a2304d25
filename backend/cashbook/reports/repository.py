"""The aggregate queries behind the reports: every figure is one GROUP BY over plain amounts.

Rows come back per currency; amounts in another currency than the report's also per booking
day (`day`), so the service converts each day's sum at that day's rate. Income and expense add
up report lines (`ledger/lines.py`): the parts of a split transaction instead of the whole.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Date, Row, case, distinct, extract, func, literal, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.ledger.lines import report_lines
from cashbook.models import Account, Transaction


@dataclass
class Period:
    user_id: uuid.UUID
    date_from: date | None = None
    date_to: date | None = None
    account_ids: list[uuid.UUID] = field(default_factory=list)
    currency: str = "CZK"  # the report's currency


def _where(period: Period, *, since: bool = True) -> list[Any]:
    conditions: list[Any] = [Transaction.user_id == period.user_id]
    if since and period.date_from is not None:
        conditions.append(Transaction.booked_on >= period.date_from)
    if period.date_to is not None:
        conditions.append(Transaction.booked_on <= period.date_to)
    if period.account_ids:
        conditions.append(Transaction.account_id.in_(period.account_ids))
    return conditions


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _rows(self, period: Period, *keys: str, where: Sequence[Any] = ()) -> Sequence[Row]:
        """Income and expense per key (`category`, `month`) and currency (and day, for other
        currencies than the report's). Transfers between the person's own accounts are
        neither. `count` is how many transactions have lines in a group; `where` narrows the
        transactions further."""
        lines = report_lines(*_where(period), Transaction.transfer_id.is_(None), *where)
        columns = {
            "category": (lines.c.category_id,),
            "month": (
                extract("year", lines.c.booked_on).label("year"),
                extract("month", lines.c.booked_on).label("month"),
            ),
        }
        grouped = [column for key in keys for column in columns[key]]
        day = type_coerce(
            case(
                (lines.c.currency == literal(period.currency, literal_execute=True), None),
                else_=lines.c.booked_on,
            ),
            Date,
        ).label("day")
        amount = lines.c.amount
        statement = (
            select(
                *grouped,
                lines.c.currency,
                day,
                func.sum(case((amount > 0, amount), else_=0)).label("income"),
                func.sum(case((amount < 0, amount), else_=0)).label("expense"),
                func.count(distinct(lines.c.transaction_id)).label("count"),
            )
            .group_by(*grouped, lines.c.currency, day)
            .order_by(*grouped, lines.c.currency)
        )
        return (await self.session.execute(statement)).all()

    async def totals(self, period: Period) -> Sequence[Row]:
        return await self._rows(period)

    async def by_category(self, period: Period) -> Sequence[Row]:
        return await self._rows(period, "category")

    async def by_month(
        self, period: Period, *, split_category: bool, where: Sequence[Any] = ()
    ) -> Sequence[Row]:
        keys = ["month", *(["category"] if split_category else [])]
        return await self._rows(period, *keys, where=where)

    async def accounts(self, period: Period) -> Sequence[Account]:
        statement = select(Account).where(Account.user_id == period.user_id)
        if period.account_ids:
            statement = statement.where(Account.id.in_(period.account_ids))
        return (
            (await self.session.execute(statement.order_by(Account.name, Account.id)))
            .scalars()
            .all()
        )

    async def sums_before(self, period: Period) -> dict[uuid.UUID, int]:
        """Each account's transactions before the period (its balance on the first day)."""
        if period.date_from is None:
            return {}
        statement = (
            select(Transaction.account_id, func.sum(Transaction.amount))
            .where(*_where(period, since=False), Transaction.booked_on < period.date_from)
            .group_by(Transaction.account_id)
        )
        return {account: int(total) for account, total in await self.session.execute(statement)}

    async def daily_sums(self, period: Period) -> Sequence[Row]:
        """(account, day, sum) for every day of the period with transactions."""
        statement = (
            select(Transaction.account_id, Transaction.booked_on, func.sum(Transaction.amount))
            .where(*_where(period))
            .group_by(Transaction.account_id, Transaction.booked_on)
            .order_by(Transaction.booked_on)
        )
        return (await self.session.execute(statement)).all()

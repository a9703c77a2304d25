"""Reports over a period: totals, spending by category, income and expense by month, and
balances over time. Until exchange rates exist each currency is reported on its own; asking for
one `currency` keeps that currency's lines and names the others in `unconverted_currencies`,
which is where conversion will slot in without changing the response."""

import calendar
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.repository import AccountRepository
from cashbook.accounts.service import AccountNotFound
from cashbook.kit.errors import CashbookError
from cashbook.kit.money import to_text
from cashbook.reports.repository import Period, ReportRepository
from cashbook.reports.schemas import (
    BalancePoint,
    BalanceReport,
    BalanceSeries,
    ByCategoryReport,
    ByMonthReport,
    CategoryLine,
    MonthLine,
    SummaryReport,
    Totals,
)

MAX_DAILY_POINTS = 1100
# Balance values in one answer (points × series): a few megabytes of JSON at most.
MAX_BALANCE_VALUES = 60_000
DEFAULT_BALANCE_DAYS = 365


class InvalidPeriod(CashbookError):
    code = "INVALID_PERIOD"


def _totals(row: Row) -> dict[str, Any]:
    income, expense = int(row.income or 0), int(row.expense or 0)
    return {
        "currency": row.currency,
        "income": to_text(income, row.currency),
        "expense": to_text(expense, row.currency),
        "net": to_text(income + expense, row.currency),
        "count": int(row.count),
    }


async def _check(session: AsyncSession, period: Period) -> None:
    if period.date_from and period.date_to and period.date_from > period.date_to:
        raise InvalidPeriod("date_from is after date_to.")
    accounts = set(period.account_ids)
    if await AccountRepository(session).count_owned(period.user_id, accounts) != len(accounts):
        raise AccountNotFound("No such account.")


def _month_ends(start: date, end: date) -> list[date]:
    points, year, month = [], start.year, start.month
    while True:
        last = date(year, month, calendar.monthrange(year, month)[1])
        points.append(min(last, end))
        if last >= end:
            return points
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class ReportService:
    def _split(self, period: Period, rows: Sequence[Row]) -> tuple[list[Row], list[str]]:
        """The rows in the asked currency (all rows when none was asked) and the currencies
        left out. Conversion through exchange rates will replace the leaving out."""
        if period.currency is None:
            return list(rows), []
        kept = [row for row in rows if row.currency == period.currency]
        others = sorted({row.currency for row in rows} - {period.currency})
        return kept, others

    def _head(self, period: Period, unconverted: list[str]) -> dict[str, Any]:
        return {
            "date_from": period.date_from,
            "date_to": period.date_to,
            "currency": period.currency,
            "unconverted_currencies": unconverted,
        }

    async def summary(self, session: AsyncSession, period: Period) -> SummaryReport:
        await _check(session, period)
        rows, unconverted = self._split(period, await ReportRepository(session).totals(period))
        return SummaryReport(
            **self._head(period, unconverted), totals=[Totals(**_totals(row)) for row in rows]
        )

    async def by_category(self, session: AsyncSession, period: Period) -> ByCategoryReport:
        await _check(session, period)
        rows, unconverted = self._split(period, await ReportRepository(session).by_category(period))
        # Biggest spending first.
        rows.sort(key=lambda row: (row.currency, int(row.expense or 0), -int(row.income or 0)))
        items = [CategoryLine(category_id=row.category_id, **_totals(row)) for row in rows]
        return ByCategoryReport(**self._head(period, unconverted), items=items)

    async def by_month(
        self, session: AsyncSession, period: Period, split: Literal["none", "category"]
    ) -> ByMonthReport:
        await _check(session, period)
        rows, unconverted = self._split(
            period,
            await ReportRepository(session).by_month(period, split_category=split == "category"),
        )
        items = [
            MonthLine(
                month=f"{int(row.year):04d}-{int(row.month):02d}",
                category_id=row.category_id if split == "category" else None,
                **_totals(row),
            )
            for row in rows
        ]
        return ByMonthReport(**self._head(period, unconverted), split=split, items=items)

    async def balance(
        self, session: AsyncSession, period: Period, interval: Literal["day", "month"]
    ) -> BalanceReport:
        period.date_to = period.date_to or date.today()
        period.date_from = period.date_from or period.date_to - timedelta(DEFAULT_BALANCE_DAYS)
        await _check(session, period)
        if interval == "day" and (period.date_to - period.date_from).days >= MAX_DAILY_POINTS:
            raise InvalidPeriod(
                f"A daily balance covers at most {MAX_DAILY_POINTS} days; use interval=month."
            )
        repository = ReportRepository(session)
        accounts = await repository.accounts(period)
        if interval == "day":
            days = (period.date_to - period.date_from).days + 1
            points = [period.date_from + timedelta(n) for n in range(days)]
        else:
            points = _month_ends(period.date_from, period.date_to)
        currencies = {account.currency for account in accounts}
        if len(points) * (len(accounts) + len(currencies)) > MAX_BALANCE_VALUES:
            raise InvalidPeriod(
                f"The balance over {len(points)} points for {len(accounts)} accounts is too "
                "large an answer; choose a shorter period or fewer accounts."
            )
        before = await repository.sums_before(period)
        changes: dict[uuid.UUID, dict[date, int]] = defaultdict(dict)
        for account_id, day, total in await repository.daily_sums(period):
            changes[account_id][day] = int(total)

        series: list[BalanceSeries] = []
        overall: dict[str, list[int]] = {}
        for account in accounts:
            running = account.opening_balance + before.get(account.id, 0)
            pending = sorted(changes.get(account.id, {}).items())
            values: list[int] = []
            for point in points:
                while pending and pending[0][0] <= point:
                    running += pending.pop(0)[1]
                values.append(running)
            currency = account.currency
            sums = overall.setdefault(currency, [0] * len(points))
            overall[currency] = [a + b for a, b in zip(sums, values, strict=True)]
            series.append(self._series(account.id, currency, points, values))
        kept = [s for s in series if period.currency in (None, s.currency)]
        unconverted = sorted({s.currency for s in series} - {period.currency})
        return BalanceReport(
            **self._head(period, unconverted if period.currency else []),
            interval=interval,
            accounts=kept,
            overall=[
                self._series(None, currency, points, values)
                for currency, values in sorted(overall.items())
                if period.currency in (None, currency)
            ],
        )

    def _series(
        self, account_id: uuid.UUID | None, currency: str, points: list[date], values: list[int]
    ) -> BalanceSeries:
        return BalanceSeries(
            account_id=account_id,
            currency=currency,
            points=[
                BalancePoint(date=point, balance=to_text(value, currency))
                for point, value in zip(points, values, strict=True)
            ],
        )


report_service = ReportService()

"""Reports over a period: totals, spending by category, income and expense by month, and
balances over time, every figure in one currency (the one asked for, else the person's base
currency).

Conversion: amounts in another currency are added up per booking day (money in and money
out apart), and each day's sum is converted at that day's rate: the newest snapshot on or
before the day, rounded half to even to the report currency's minor unit. Balances convert at
the newest snapshot. An amount with no rate on or before its day is left out and named in
`missing_rates` (currency and first such day), never dropped silently. Transfers between the
person's own accounts count in balances only, not as income or expense.
"""

import calendar
import uuid
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.repository import AccountRepository
from cashbook.accounts.service import AccountNotFound
from cashbook.config import Settings
from cashbook.kit.errors import CashbookError
from cashbook.kit.money import to_text
from cashbook.rates.service import Money, rates_service
from cashbook.reports.repository import Period, ReportRepository
from cashbook.reports.schemas import (
    BalancePoint,
    BalanceReport,
    BalanceSeries,
    ByCategoryReport,
    ByMonthReport,
    CategoryLine,
    MissingRate,
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


@dataclass
class Sum:
    income: int = 0
    expense: int = 0
    count: int = 0

    def fields(self, currency: str) -> dict[str, Any]:
        return {
            "currency": currency,
            "income": to_text(self.income, currency),
            "expense": to_text(self.expense, currency),
            "net": to_text(self.income + self.expense, currency),
            "count": self.count,
        }


def _missing(found: dict[str, date]) -> list[MissingRate]:
    return [MissingRate(currency=code, date=day) for code, day in sorted(found.items())]


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


async def converted_by_day(
    session: AsyncSession,
    settings: Settings,
    currency: str,
    rows: Sequence[Row],
    key: Callable[[Row], Hashable],
) -> tuple[dict[Any, Sum], dict[str, date]]:
    """Rows (`currency`, `day`, `income`, `expense`, `count`: one booking day's sums in one
    currency) added up per key in `currency`, and the first day of each currency whose
    amounts had no rate. Budgets convert their spending here too."""
    today = date.today()
    money = [
        Money(int(amount or 0), row.currency, row.day or today)
        for row in rows
        for amount in (row.income, row.expense)
    ]
    conversion = await rates_service.convert_many(session, settings, money, currency)
    amounts = conversion.amounts
    sums: dict[Any, Sum] = {}
    missing: dict[str, date] = {}
    for index, row in enumerate(rows):
        income, expense = amounts[2 * index], amounts[2 * index + 1]
        if income is None or expense is None:
            missing[row.currency] = min(missing.get(row.currency, row.day), row.day)
            continue
        line = sums.setdefault(key(row), Sum())
        line.income += income
        line.expense += expense
        line.count += int(row.count)
    return sums, missing


class ReportService:
    def _head(self, period: Period, missing: dict[str, date]) -> dict[str, Any]:
        return {
            "date_from": period.date_from,
            "date_to": period.date_to,
            "currency": period.currency,
            "unconverted_currencies": sorted(missing),
            "missing_rates": _missing(missing),
        }

    async def summary(
        self, session: AsyncSession, settings: Settings, period: Period
    ) -> SummaryReport:
        await _check(session, period)
        rows = await ReportRepository(session).totals(period)
        sums, missing = await converted_by_day(
            session, settings, period.currency, rows, lambda row: ()
        )
        totals = [Totals(**line.fields(period.currency)) for line in sums.values()]
        return SummaryReport(**self._head(period, missing), totals=totals)

    async def by_category(
        self, session: AsyncSession, settings: Settings, period: Period
    ) -> ByCategoryReport:
        await _check(session, period)
        rows = await ReportRepository(session).by_category(period)
        sums, missing = await converted_by_day(
            session, settings, period.currency, rows, lambda row: row.category_id
        )
        # Biggest spending first.
        ordered = sorted(sums.items(), key=lambda item: (item[1].expense, -item[1].income))
        items = [
            CategoryLine(category_id=category_id, **line.fields(period.currency))
            for category_id, line in ordered
        ]
        return ByCategoryReport(**self._head(period, missing), items=items)

    async def by_month(
        self,
        session: AsyncSession,
        settings: Settings,
        period: Period,
        split: Literal["none", "category"],
    ) -> ByMonthReport:
        await _check(session, period)
        by_category = split == "category"
        rows = await ReportRepository(session).by_month(period, split_category=by_category)
        sums, missing = await converted_by_day(
            session,
            settings,
            period.currency,
            rows,
            lambda row: (
                f"{int(row.year):04d}-{int(row.month):02d}",
                row.category_id if by_category else None,
            ),
        )
        items = [
            MonthLine(month=month, category_id=category_id, **line.fields(period.currency))
            for (month, category_id), line in sorted(
                sums.items(), key=lambda item: (item[0][0], str(item[0][1] or ""))
            )
        ]
        return ByMonthReport(**self._head(period, missing), split=split, items=items)

    async def balance(
        self,
        session: AsyncSession,
        settings: Settings,
        period: Period,
        interval: Literal["day", "month"],
    ) -> BalanceReport:
        """Each account in its own currency; `overall` adds them up in the report's currency
        at the newest rates (what they are worth now)."""
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
        today = date.today()
        worth: list[Money] = []
        for account in accounts:
            running = account.opening_balance + before.get(account.id, 0)
            pending = sorted(changes.get(account.id, {}).items())
            values: list[int] = []
            for point in points:
                while pending and pending[0][0] <= point:
                    running += pending.pop(0)[1]
                values.append(running)
            worth += [Money(value, account.currency, today) for value in values]
            series.append(self._series(account.id, account.currency, points, values))
        converted = await rates_service.convert_many(session, settings, worth, period.currency)
        overall = [0] * len(points)
        missing: dict[str, date] = {}
        for index, (row, amount) in enumerate(zip(worth, converted.amounts, strict=True)):
            if amount is None:
                missing[row.currency] = today
            else:
                overall[index % len(points)] += amount
        return BalanceReport(
            **self._head(period, missing),
            interval=interval,
            accounts=series,
            overall=[self._series(None, period.currency, points, overall)],
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

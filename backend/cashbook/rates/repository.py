"""Every query on the exchange-rate snapshots."""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models import ExchangeRate
from cashbook.models.base import utcnow


class RateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def replace_snapshot(self, base: str, on_date: date, rates: dict[str, Decimal]) -> int:
        """Store the day's rates; running it again for the same day leaves one copy."""
        await self.session.execute(
            delete(ExchangeRate).where(ExchangeRate.base == base, ExchangeRate.on_date == on_date)
        )
        now = utcnow()
        rows = [
            {"on_date": on_date, "base": base, "quote": quote, "rate": str(rate), "fetched_at": now}
            for quote, rate in sorted(rates.items())
        ]
        if rows:
            await self.session.execute(insert(ExchangeRate), rows)
        return len(rows)

    async def snapshot_date(self, base: str, on_or_before: date | None) -> date | None:
        """The newest snapshot date, or the newest on or before a date."""
        statement = select(func.max(ExchangeRate.on_date)).where(ExchangeRate.base == base)
        if on_or_before is not None:
            statement = statement.where(ExchangeRate.on_date <= on_or_before)
        return (await self.session.execute(statement)).scalar()

    async def snapshot_dates(self, base: str, since: date) -> set[date]:
        statement = (
            select(ExchangeRate.on_date)
            .where(ExchangeRate.base == base, ExchangeRate.on_date >= since)
            .distinct()
        )
        return set((await self.session.execute(statement)).scalars())

    async def snapshot(self, base: str, on_date: date) -> dict[str, str]:
        statement = select(ExchangeRate.quote, ExchangeRate.rate).where(
            ExchangeRate.base == base, ExchangeRate.on_date == on_date
        )
        return dict((await self.session.execute(statement)).tuples().all())

    async def history(
        self, base: str, quotes: Iterable[str], up_to: date
    ) -> list[tuple[str, date, str]]:
        """Every stored rate of `quotes` on or before `up_to`, oldest first."""
        statement = (
            select(ExchangeRate.quote, ExchangeRate.on_date, ExchangeRate.rate)
            .where(
                ExchangeRate.base == base,
                ExchangeRate.quote.in_(sorted(set(quotes))),
                ExchangeRate.on_date <= up_to,
            )
            .order_by(ExchangeRate.quote, ExchangeRate.on_date)
        )
        return list((await self.session.execute(statement)).tuples().all())

    async def last_fetched_at(self) -> datetime | None:
        """When the newest snapshot was fetched, whatever its base."""
        return (await self.session.execute(select(func.max(ExchangeRate.fetched_at)))).scalar()

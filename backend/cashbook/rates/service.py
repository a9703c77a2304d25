"""Exchange rates: the daily snapshot from UniRate, rates for a date, and converting amounts.

Rates are stored against one base currency (`CASHBOOK_RATES_BASE`, EUR by default) and
crossed through it. An amount is converted with the snapshot of its own date, or the nearest
earlier one when that day has none; without any earlier snapshot it cannot be converted, and
the answer says which currencies that concerned.
"""

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Context, Decimal

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.config import Settings
from cashbook.kit.errors import NotFound
from cashbook.kit.money import exponent
from cashbook.models.base import utcnow
from cashbook.rates.client import UniRateClient
from cashbook.rates.cnb import CnbClient, rates_for_base
from cashbook.rates.repository import RateRepository
from cashbook.worker.jobs import JobContext

log = structlog.get_logger(__name__)
_DISPLAY = Context(prec=12)


class RatesNotAvailable(NotFound):
    code = "RATES_NOT_AVAILABLE"


class UnknownCurrency(NotFound):
    code = "UNKNOWN_CURRENCY"


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in minor units of `currency`, as of `on` (a transaction's date)."""

    amount: int
    currency: str
    on: date


@dataclass
class Conversion:
    target: str
    # One per input row, in order; None where the row's currency had no rate.
    amounts: list[int | None]
    unconvertible: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(amount for amount in self.amounts if amount is not None)


@dataclass(frozen=True, slots=True)
class RateTable:
    on_date: date
    base: str
    rates: dict[str, Decimal]


class RatesService:
    async def snapshot(self, ctx: JobContext) -> str:
        """Fetch today's rates (UniRate with a key, else the CNB's fixing) and store them
        against the stored base (again, if that day is there already)."""
        settings = ctx.settings
        key = settings.unirate_api_key.get_secret_value()
        base = settings.rates_base
        if key:
            rates = await UniRateClient(settings.unirate_url, key).rates(base)
            on, source = utcnow().date(), "UniRate"
        elif settings.cnb_url:
            on, czk_per_unit = await CnbClient(settings.cnb_url).fixing()
            rates, source = rates_for_base(base, czk_per_unit), "the CNB fixing"
        else:
            return "skipped: neither UNIRATE_API_KEY nor a CNB address is set"
        rates = {code: rate for code, rate in rates.items() if len(code) == 3 and code.isalpha()}
        count = await RateRepository(ctx.session).replace_snapshot(base, on, rates)
        log.info("exchange rates stored", on_date=on.isoformat(), currencies=count, source=source)
        return f"stored {count} rates for {on.isoformat()} from {source}"

    async def table(
        self, session: AsyncSession, settings: Settings, base: str, on: date | None = None
    ) -> RateTable:
        """The rates of one snapshot (the newest, or the nearest on or before `on`), seen
        from `base`."""
        repository = RateRepository(session)
        stored_base = settings.rates_base
        snapshot_date = await repository.snapshot_date(stored_base, on)
        if snapshot_date is None:
            when = f" on or before {on.isoformat()}" if on else ""
            raise RatesNotAvailable(f"No exchange rates are stored{when}.")
        stored = {
            quote: Decimal(rate)
            for quote, rate in (await repository.snapshot(stored_base, snapshot_date)).items()
        }
        stored[stored_base] = Decimal(1)
        if base not in stored:
            raise UnknownCurrency(f"The snapshot of {snapshot_date.isoformat()} has no {base}.")
        divisor = stored[base]
        rates = {quote: _DISPLAY.divide(rate, divisor) for quote, rate in sorted(stored.items())}
        return RateTable(snapshot_date, base, rates)

    async def convert_many(
        self, session: AsyncSession, settings: Settings, rows: Sequence[Money], target: str
    ) -> Conversion:
        """Convert many amounts at once, each with the rates of its own date (one query)."""
        result = Conversion(target=target, amounts=[None] * len(rows))
        foreign = {row.currency for row in rows if row.currency != target}
        if not rows:
            return result
        stored_base = settings.rates_base
        wanted = (foreign | {target}) - {stored_base}
        history: dict[str, tuple[list[date], list[Decimal]]] = defaultdict(lambda: ([], []))
        if foreign:
            latest = max(row.on for row in rows)
            for quote, on_date, rate in await RateRepository(session).history(
                stored_base, wanted, latest
            ):
                history[quote][0].append(on_date)
                history[quote][1].append(Decimal(rate))

        def rate_on(currency: str, on: date) -> Decimal | None:
            """Units of `currency` per one stored-base unit on `on` (or the nearest before)."""
            if currency == stored_base:
                return Decimal(1)
            dates, rates = history.get(currency, ([], []))
            index = bisect.bisect_right(dates, on) - 1
            return rates[index] if index >= 0 else None

        for position, row in enumerate(rows):
            if row.currency == target:
                result.amounts[position] = row.amount
                continue
            source_rate, target_rate = rate_on(row.currency, row.on), rate_on(target, row.on)
            if source_rate is None or target_rate is None:
                result.unconvertible.add(row.currency if source_rate is None else target)
                continue
            major = Decimal(row.amount).scaleb(-exponent(row.currency))
            converted = major / source_rate * target_rate
            result.amounts[position] = int(
                converted.scaleb(exponent(target)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
            )
        return result


rates_service = RatesService()

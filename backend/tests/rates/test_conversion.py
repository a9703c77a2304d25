"""Converting many amounts at once, each with the snapshot of its own date."""

from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from cashbook.kit.db import session_scope
from cashbook.rates.repository import RateRepository
from cashbook.rates.service import Money, rates_service

MARCH_2 = {"CZK": "25.00", "USD": "1.10", "JPY": "160", "KWD": "0.33"}
MARCH_5 = {"CZK": "24.00", "USD": "1.20", "JPY": "150"}  # no KWD that day


async def stored(app) -> None:
    async with session_scope(app.state.sessionmaker) as session:
        repository = RateRepository(session)
        for on, rates in ((date(2026, 3, 2), MARCH_2), (date(2026, 3, 5), MARCH_5)):
            values = {code: Decimal(rate) for code, rate in rates.items()}
            await repository.replace_snapshot("EUR", on, values)


def expected(amount_major: str, source_rate: str, target_rate: str, target_exponent: int) -> int:
    value = Decimal(amount_major) / Decimal(source_rate) * Decimal(target_rate)
    return int(value.scaleb(target_exponent).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


async def convert(app, settings, rows, target):
    async with session_scope(app.state.sessionmaker) as session:
        return await rates_service.convert_many(session, settings, rows, target)


async def test_each_amount_uses_its_own_dates_rates_or_the_nearest_earlier(app, settings):
    await stored(app)
    rows = [
        Money(10_000, "USD", date(2026, 3, 2)),  # 100.00 USD on the 2nd
        Money(10_000, "USD", date(2026, 3, 4)),  # the 4th has no snapshot: the 2nd's
        Money(10_000, "USD", date(2026, 3, 9)),  # after the last: the 5th's
        Money(5_000, "EUR", date(2026, 3, 5)),  # the stored base itself
        Money(123_45, "CZK", date(2026, 3, 5)),  # already in the target
    ]
    result = await convert(app, settings, rows, "CZK")
    assert result.amounts == [
        expected("100.00", "1.10", "25.00", 2),
        expected("100.00", "1.10", "25.00", 2),
        expected("100.00", "1.20", "24.00", 2),
        expected("50.00", "1", "24.00", 2),
        123_45,
    ]
    assert result.unconvertible == set()
    assert result.total == sum(result.amounts)


async def test_minor_units_differ_between_currencies(app, settings):
    await stored(app)
    # JPY has no minor unit and KWD has three: 1000 yen and 1.500 dinar, into euros.
    result = await convert(
        app,
        settings,
        [Money(1000, "JPY", date(2026, 3, 2)), Money(1500, "KWD", date(2026, 3, 2))],
        "EUR",
    )
    assert result.amounts == [expected("1000", "160", "1", 2), expected("1.500", "0.33", "1", 2)]
    into_yen = await convert(app, settings, [Money(100, "EUR", date(2026, 3, 2))], "JPY")
    assert into_yen.amounts == [160]


async def test_what_cannot_be_converted_is_named_and_the_rest_still_is(app, settings):
    await stored(app)
    rows = [
        Money(1_00, "KWD", date(2026, 3, 5)),  # KWD's nearest earlier rate is the 2nd's: fine
        Money(1_00, "USD", date(2026, 3, 1)),  # before any snapshot
        Money(1_00, "XAU", date(2026, 3, 5)),  # never had a rate
        Money(1_00, "USD", date(2026, 3, 5)),
    ]
    result = await convert(app, settings, rows, "CZK")
    assert result.amounts[0] == expected("0.100", "0.33", "24.00", 2)
    assert result.amounts[1] is None and result.amounts[2] is None
    assert result.amounts[3] == expected("1.00", "1.20", "24.00", 2)
    assert result.unconvertible == {"USD", "XAU"}


async def test_a_target_without_rates_is_reported(app, settings):
    await stored(app)
    result = await convert(app, settings, [Money(1_00, "USD", date(2026, 3, 5))], "NOK")
    assert result.amounts == [None]
    assert result.unconvertible == {"NOK"}


async def test_no_rows_and_no_snapshots(app, settings):
    assert (await convert(app, settings, [], "CZK")).amounts == []
    result = await convert(app, settings, [Money(5, "CZK", date(2026, 1, 1))], "CZK")
    assert result.amounts == [5]  # same currency needs no rate

"""Reports checked against a plain-Python computation over the same generated ledger."""

import calendar
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import delete

from cashbook.kit.db import session_scope
from cashbook.kit.money import exponent
from cashbook.models import ExchangeRate
from cashbook.rates.repository import RateRepository
from tests.factories import create_account, create_transaction, signed_in_user
from tests.ledger_data import START, Ledger, ledgers, store

EXAMPLES = hypothesis_settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def text(minor: int, currency: str) -> str:
    places = exponent(currency)
    return f"{Decimal(minor).scaleb(-places):.{places}f}"


def in_period(ledger: Ledger, date_from: date, date_to: date, accounts: list[str]):
    return [
        r
        for r in ledger.rows
        if date_from <= r.booked_on <= date_to and (not accounts or str(r.account_id) in accounts)
    ]


@st.composite
def rate_tables(draw) -> dict[date, dict[str, str]]:
    """Snapshots against EUR on random days (maybe none: nothing converts)."""
    days = draw(st.sets(st.integers(0, 420), max_size=3))
    return {
        START + timedelta(day): {
            "CZK": f"{draw(st.integers(20_000, 30_000)) / 1000:.3f}",
            "JPY": f"{draw(st.integers(10_000, 20_000)) / 100:.2f}",
        }
        for day in days
    }


class Converter:
    """The conversion rule computed independently, with exact fractions: each day's money in
    (and, apart, money out) of a currency converts at the newest snapshot on or before it,
    rounded half to even."""

    def __init__(self, table: dict[date, dict[str, str]], target: str) -> None:
        self.table = sorted(table.items())
        self.target = target

    def rate(self, currency: str, day: date) -> Fraction | None:
        if currency == "EUR":
            return Fraction(1)
        known = [rates[currency] for on, rates in self.table if on <= day]
        return Fraction(known[-1]) if known else None

    def convert(self, minor: int, currency: str, day: date) -> int | None:
        if currency == self.target:
            return minor
        source, target = self.rate(currency, day), self.rate(self.target, day)
        if source is None or target is None:
            return None
        major = Fraction(minor, 10 ** exponent(currency))
        return round(major / source * target * 10 ** exponent(self.target))


def converted_lines(rows, converter: Converter, key) -> tuple[dict, dict[str, date]]:
    """Per key: [income, expense, count] in the target currency; and per currency the first
    day it could not be converted. Rows may be the parts of a split transaction (sharing its
    id): `count` is how many transactions have rows under a key."""
    days = defaultdict(lambda: [0, 0, set()])
    for r in rows:
        sums = days[(key(r), r.currency, r.booked_on)]
        sums[0 if r.amount > 0 else 1] += r.amount
        sums[2].add(r.id)
    lines = defaultdict(lambda: [0, 0, 0])
    missing: dict[str, date] = {}
    for (group, currency, day), (income, expense, ids) in days.items():
        money_in = converter.convert(income, currency, day)
        money_out = converter.convert(expense, currency, day)
        if money_in is None or money_out is None:
            missing[currency] = min(missing.get(currency, day), day)
            continue
        line = lines[group]
        line[0], line[1], line[2] = line[0] + money_in, line[1] + money_out, line[2] + len(ids)
    return lines, missing


def as_totals(line: list[int], currency: str) -> dict:
    income, expense, count = line
    return {
        "currency": currency,
        "income": text(income, currency),
        "expense": text(expense, currency),
        "net": text(income + expense, currency),
        "count": count,
    }


@st.composite
def periods(draw, ledger: Ledger):
    first = START + timedelta(draw(st.integers(0, 400)))
    last = first + timedelta(draw(st.integers(0, 200)))
    accounts = draw(st.lists(st.sampled_from([str(a.id) for a in ledger.accounts]), max_size=2))
    currency = draw(st.none() | st.sampled_from(["CZK", "EUR", "JPY"]))
    return first, last, accounts, currency


async def store_rates(app, table: dict[date, dict[str, str]]) -> None:
    async with session_scope(app.state.sessionmaker) as session:
        repository = RateRepository(session)
        await session.execute(delete(ExchangeRate))
        for on, rates in table.items():
            await repository.replace_snapshot(
                "EUR", on, {code: Decimal(rate) for code, rate in rates.items()}
            )


@EXAMPLES
@given(spec=ledgers(), table=rate_tables(), data=st.data())
async def test_converted_reports_match_an_independent_computation(app, client, spec, table, data):
    ledger = await store(app, spec)
    await store_rates(app, table)
    first, last, accounts, asked = data.draw(periods(ledger))
    currency = asked or "CZK"  # the person's base currency
    converter = Converter(table, currency)
    params = {"date_from": str(first), "date_to": str(last), "account_id": accounts}
    if asked:
        params["currency"] = asked
    rows = in_period(ledger, first, last, accounts)

    async def get(path: str, missing: dict[str, date], **extra) -> dict:
        response = await client.get(path, params={**params, **extra}, headers=ledger.headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["currency"] == currency
        assert body["unconverted_currencies"] == sorted(missing)
        assert body["missing_rates"] == [
            {"currency": code, "date": str(day)} for code, day in sorted(missing.items())
        ]
        return body

    lines, missing = converted_lines(rows, converter, lambda r: None)
    summary = await get("/reports/summary", missing)
    assert summary["totals"] == [as_totals(line, currency) for line in lines.values()]

    lines, missing = converted_lines(rows, converter, lambda r: r.category_id)
    by_category = await get("/reports/by-category", missing)
    expected = [
        {**as_totals(line, currency), "category_id": str(cat) if cat else None}
        for cat, line in lines.items()
    ]
    key = lambda line: str(line["category_id"])  # noqa: E731
    assert sorted(by_category["items"], key=key) == sorted(expected, key=key)

    for split in ("none", "category"):

        def month_key(r, split=split):
            return (f"{r.booked_on:%Y-%m}", r.category_id if split == "category" else None)

        lines, missing = converted_lines(rows, converter, month_key)
        by_month = await get("/reports/by-month", missing, split=split)
        expected = [
            {**as_totals(line, currency), "month": m, "category_id": str(cat) if cat else None}
            for (m, cat), line in lines.items()
        ]
        mkey = lambda line: (line["month"], str(line["category_id"]))  # noqa: E731
        assert sorted(by_month["items"], key=mkey) == sorted(expected, key=mkey)
        assert [i["month"] for i in by_month["items"]] == sorted(
            i["month"] for i in by_month["items"]
        )

    month_ends = []
    day = first
    while True:
        end = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        month_ends.append(min(end, last))
        if end >= last:
            break
        day = end + timedelta(1)
    chosen = [a for a in ledger.accounts if not accounts or str(a.id) in accounts]
    expected_series, overall, missing = {}, [0] * len(month_ends), {}
    for account in chosen:
        values = [
            account.opening_balance
            + sum(
                r.amount for r in ledger.rows if r.account_id == account.id and r.booked_on <= point
            )
            for point in month_ends
        ]
        expected_series[str(account.id)] = [text(v, account.currency) for v in values]
        for n, value in enumerate(values):  # what it is worth now
            worth = converter.convert(value, account.currency, date.today())
            if worth is None:
                missing[account.currency] = date.today()
            else:
                overall[n] += worth
    balance = await get("/reports/balance", missing, interval="month")
    assert {
        s["account_id"]: [p["balance"] for p in s["points"]] for s in balance["accounts"]
    } == expected_series
    [series] = balance["overall"]
    assert [p["date"] for p in series["points"]] == [str(d) for d in month_ends]
    assert [p["balance"] for p in series["points"]] == [text(v, currency) for v in overall]


async def test_daily_balance_and_bad_periods(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    account = await create_account(client, user, opening_balance="100")
    await create_transaction(client, user, account, "-30", booked_on="2026-02-02")
    await create_transaction(client, user, account, "5.50", booked_on="2026-02-04")
    daily = await client.get(
        "/reports/balance?interval=day&date_from=2026-02-01&date_to=2026-02-05",
        headers=user.headers,
    )
    points = daily.json()["accounts"][0]["points"]
    assert [(p["date"], p["balance"]) for p in points] == [
        ("2026-02-01", "100.00"),
        ("2026-02-02", "70.00"),
        ("2026-02-03", "70.00"),
        ("2026-02-04", "75.50"),
        ("2026-02-05", "75.50"),
    ]
    default = (await client.get("/reports/balance", headers=user.headers)).json()
    assert default["interval"] == "month" and default["date_to"] == str(date.today())
    for query, code in (
        ("summary?date_from=2026-03-01&date_to=2026-02-01", "INVALID_PERIOD"),
        ("balance?interval=day&date_from=2020-01-01&date_to=2026-01-01", "INVALID_PERIOD"),
    ):
        response = await client.get(f"/reports/{query}", headers=user.headers)
        assert response.status_code == 400
        assert response.json()["detail"]["code"] == code
    for query in (
        "summary?currency=czk",
        "by-month?split=tag",
        "balance?interval=week",
        "summary?date_from=x",
    ):
        assert (await client.get(f"/reports/{query}", headers=user.headers)).status_code == 422

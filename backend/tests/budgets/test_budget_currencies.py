"""Budgets count spending in other currencies, converted the way reports convert it: checked
against a plain-Python computation over a generated ledger and rate table."""

from collections import defaultdict
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tests.factories import api_create, create_account, create_transaction, signed_in_user
from tests.ledger_data import START, ledgers, store
from tests.reports.test_reports import EXAMPLES, Converter, rate_tables, store_rates, text


def next_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def shares(amount: int, months: int) -> list[int]:
    """1/months each; the first share takes what does not divide (away from zero)."""
    whole = abs(amount) // months
    rest = abs(amount) - whole * months
    sign = 1 if amount >= 0 else -1
    return [sign * (whole + (rest if n == 0 else 0)) for n in range(months)]


@EXAMPLES
@given(spec=ledgers(), table=rate_tables(), data=st.data())
async def test_spending_in_other_currencies_matches_an_independent_computation(
    app, client, spec, table, data
):
    ledger = await store(app, spec)
    await store_rates(app, table)
    categorised = [r for r in ledger.rows if r.category_id is not None]
    chosen = (
        data.draw(st.lists(st.sampled_from(categorised), unique_by=lambda r: r.id))
        if categorised
        else []
    )
    spread_over = {r.id: data.draw(st.integers(2, 4)) for r in chosen}
    for transaction_id, months in spread_over.items():
        put = await client.put(
            f"/budgets/spreads/{transaction_id}", json={"months": months}, headers=ledger.headers
        )
        assert put.status_code == 200, put.text
    month = next_month(START, data.draw(st.integers(0, 14)))
    converter = Converter(table, "CZK")

    days: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    spent: dict[str, int] = defaultdict(int)
    missing: set[str] = set()
    for r in categorised:
        booked_month = r.booked_on.replace(day=1)
        if r.id in spread_over:
            months = spread_over[r.id]
            if not booked_month <= month < next_month(booked_month, months):
                continue
            converted = converter.convert(r.amount, r.currency, r.booked_on)
            if converted is None:
                missing.add(r.currency)
                continue
            offset = (month.year - booked_month.year) * 12 + month.month - booked_month.month
            spent[str(r.category_id)] -= shares(converted, months)[offset]
        elif booked_month == month:
            days[(r.category_id, r.currency, r.booked_on)][0 if r.amount > 0 else 1] += r.amount
    for (category_id, currency, day), (money_in, money_out) in days.items():
        converted_in = converter.convert(money_in, currency, day)
        converted_out = converter.convert(money_out, currency, day)
        if converted_in is None or converted_out is None:
            missing.add(currency)
            continue
        spent[str(category_id)] -= converted_in + converted_out

    answer = await client.get(f"/budgets/months/{month:%Y-%m}", headers=ledger.headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["currency"] == "CZK"
    assert body["unconverted_currencies"] == sorted(missing)
    assert {item["category_id"]: item["spent"] for item in body["items"]} == {
        category_id: text(value, "CZK") for category_id, value in spent.items() if value
    }
    assert body["spent"] == text(sum(spent.values()), "CZK")


async def test_a_currency_without_a_rate_is_named_and_counts_once_a_rate_exists(app, client):
    user = await signed_in_user(app, client, "traveller@example.com")
    crowns = await create_account(client, user)
    euros = await create_account(client, user, name="Euro", currency="EUR")
    trip = (await api_create(client, user, "/categories", {"name": "Trips"}))["id"]
    await store_rates(app, {})
    await create_transaction(
        client, user, crowns, "-100.00", booked_on="2026-03-10", category_id=trip
    )
    await create_transaction(
        client, user, euros, "-10.00", booked_on="2026-03-12", category_id=trip
    )

    month = (await client.get("/budgets/months/2026-03", headers=user.headers)).json()
    assert month["unconverted_currencies"] == ["EUR"]
    assert month["spent"] == "100.00"

    # 25 CZK to the euro from 1 March: 10 EUR count as 250 CZK.
    await store_rates(app, {date(2026, 3, 1): {"CZK": "25.000", "JPY": "160.00"}})
    month = (await client.get("/budgets/months/2026-03", headers=user.headers)).json()
    assert month["unconverted_currencies"] == []
    assert month["spent"] == "350.00"
    # A rate from after the booking day does not count for it.
    await store_rates(app, {date(2026, 3, 13): {"CZK": "25.000", "JPY": "160.00"}})
    month = (await client.get("/budgets/months/2026-03", headers=user.headers)).json()
    assert (month["unconverted_currencies"], month["spent"]) == (["EUR"], "100.00")

"""Reports checked against a plain-Python computation over the same generated ledger."""

import calendar
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cashbook.kit.money import exponent
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


def totals(rows, currency: str) -> dict:
    income = sum(r.amount for r in rows if r.amount > 0)
    expense = sum(r.amount for r in rows if r.amount < 0)
    return {
        "currency": currency,
        "income": text(income, currency),
        "expense": text(expense, currency),
        "net": text(income + expense, currency),
        "count": len(rows),
    }


def grouped(rows, key) -> dict:
    groups = defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    return groups


@st.composite
def periods(draw, ledger: Ledger):
    first = START + timedelta(draw(st.integers(0, 400)))
    last = first + timedelta(draw(st.integers(0, 200)))
    accounts = draw(st.lists(st.sampled_from([str(a.id) for a in ledger.accounts]), max_size=2))
    currency = draw(st.none() | st.sampled_from(["CZK", "EUR", "JPY"]))
    return first, last, accounts, currency


@EXAMPLES
@given(spec=ledgers(), data=st.data())
async def test_reports_match_an_independent_computation(app, client, spec, data):
    ledger = await store(app, spec)
    first, last, accounts, currency = data.draw(periods(ledger))
    params = {"date_from": str(first), "date_to": str(last), "account_id": accounts}
    if currency:
        params["currency"] = currency
    rows = in_period(ledger, first, last, accounts)
    present = sorted({r.currency for r in rows})
    kept = [c for c in present if currency in (None, c)]
    unconverted = [c for c in present if currency and c != currency]

    async def get(path: str, **extra) -> dict:
        response = await client.get(path, params={**params, **extra}, headers=ledger.headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["currency"] == currency
        return body

    summary = await get("/reports/summary")
    by_currency = grouped(rows, lambda r: r.currency)
    assert summary["totals"] == [totals(by_currency[c], c) for c in kept]
    assert summary["unconverted_currencies"] == unconverted

    by_category = await get("/reports/by-category")
    expected_lines = [
        {**totals(group, c), "category_id": str(cat) if cat else None}
        for (cat, c), group in grouped(rows, lambda r: (r.category_id, r.currency)).items()
        if c in kept
    ]
    key = lambda line: (line["currency"], str(line["category_id"]))  # noqa: E731
    assert sorted(by_category["items"], key=key) == sorted(expected_lines, key=key)

    for split in ("none", "category"):
        by_month = await get("/reports/by-month", split=split)

        def month_key(r, split=split):
            return (
                f"{r.booked_on:%Y-%m}",
                r.category_id if split == "category" else None,
                r.currency,
            )

        expected_months = [
            {**totals(group, c), "month": m, "category_id": str(cat) if cat else None}
            for (m, cat, c), group in grouped(rows, month_key).items()
            if c in kept
        ]
        mkey = lambda line: (line["month"], str(line["category_id"]), line["currency"])  # noqa: E731
        assert sorted(by_month["items"], key=mkey) == sorted(expected_months, key=mkey)
        if split == "none":  # months in order
            assert [i["month"] for i in by_month["items"]] == sorted(
                i["month"] for i in by_month["items"]
            )

    balance = await get("/reports/balance", interval="month")
    month_ends = []
    day = first
    while True:
        end = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        month_ends.append(min(end, last))
        if end >= last:
            break
        day = end + timedelta(1)
    chosen = [a for a in ledger.accounts if not accounts or str(a.id) in accounts]
    expected_series = {}
    overall = defaultdict(lambda: [0] * len(month_ends))
    for account in chosen:
        values = [
            account.opening_balance
            + sum(
                r.amount for r in ledger.rows if r.account_id == account.id and r.booked_on <= point
            )
            for point in month_ends
        ]
        overall[account.currency] = [
            a + b for a, b in zip(overall[account.currency], values, strict=True)
        ]
        if currency in (None, account.currency):
            expected_series[str(account.id)] = [text(v, account.currency) for v in values]
    assert {
        s["account_id"]: [p["balance"] for p in s["points"]] for s in balance["accounts"]
    } == expected_series
    for series in balance["overall"]:
        assert [p["date"] for p in series["points"]] == [str(d) for d in month_ends]
    assert {s["currency"]: [p["balance"] for p in s["points"]] for s in balance["overall"]} == {
        c: [text(v, c) for v in values] for c, values in overall.items() if currency in (None, c)
    }


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

"""Reports count the parts of a split transaction instead of the whole: checked against the
same independent computation as the other reports, over lines built by hand."""

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from tests.ledger_data import ledgers, store
from tests.reports.test_reports import (
    EXAMPLES,
    Converter,
    as_totals,
    converted_lines,
    in_period,
    periods,
    rate_tables,
    store_rates,
    text,
)


@st.composite
def parts_of(draw, amount: int, categories: list) -> list[tuple[int, object]] | None:
    """Two to four non-zero parts that add up to `amount` (None when the draw cannot)."""
    bound = abs(amount) + 1000
    nonzero = st.integers(-bound, bound).filter(bool)
    amounts = draw(st.lists(nonzero, min_size=1, max_size=3))
    last = amount - sum(amounts)
    if last == 0:
        return None
    category = st.sampled_from([None, *categories])
    return [(part, draw(category)) for part in [*amounts, last]]


@EXAMPLES
@given(spec=ledgers(max_transactions=15), table=rate_tables(), data=st.data())
async def test_reports_count_the_parts_of_split_transactions(app, client, spec, table, data):
    ledger = await store(app, spec)
    await store_rates(app, table)
    lines = []
    for row in ledger.rows:
        parts = data.draw(st.none() | parts_of(row.amount, ledger.categories))
        if parts is None:
            lines.append(row)
            continue
        body = {
            "parts": [
                {"amount": text(amount, row.currency), "category_id": category and str(category)}
                for amount, category in parts
            ]
        }
        answer = await client.put(
            f"/transactions/{row.id}/splits", json=body, headers=ledger.headers
        )
        assert answer.status_code == 200, answer.text
        lines += [
            dataclasses.replace(row, amount=amount, category_id=category)
            for amount, category in parts
        ]

    first, last, accounts, asked = data.draw(periods(ledger))
    currency = asked or "CZK"
    converter = Converter(table, currency)
    params = {"date_from": str(first), "date_to": str(last), "account_id": accounts}
    if asked:
        params["currency"] = asked
    chosen = in_period(dataclasses.replace(ledger, rows=lines), first, last, accounts)

    async def get(path: str, **extra) -> dict:
        response = await client.get(path, params={**params, **extra}, headers=ledger.headers)
        assert response.status_code == 200, response.text
        return response.json()

    totals, _ = converted_lines(chosen, converter, lambda r: None)
    summary = await get("/reports/summary")
    assert summary["totals"] == [as_totals(line, currency) for line in totals.values()]

    by_category, _ = converted_lines(chosen, converter, lambda r: r.category_id)
    answer = await get("/reports/by-category")
    expected = [
        {**as_totals(line, currency), "category_id": str(cat) if cat else None}
        for cat, line in by_category.items()
    ]
    key = lambda line: str(line["category_id"])  # noqa: E731
    assert sorted(answer["items"], key=key) == sorted(expected, key=key)

    by_month, _ = converted_lines(
        chosen, converter, lambda r: (f"{r.booked_on:%Y-%m}", r.category_id)
    )
    answer = await get("/reports/by-month", split="category")
    expected = [
        {**as_totals(line, currency), "month": month, "category_id": str(cat) if cat else None}
        for (month, cat), line in by_month.items()
    ]
    month_key = lambda line: (line["month"], str(line["category_id"]))  # noqa: E731
    assert sorted(answer["items"], key=month_key) == sorted(expected, key=month_key)

"""Filters, sorting and keyset pagination, checked against a plain-Python reading of the same
generated ledger."""

import unicodedata
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cashbook.kit.money import exponent
from tests.factories import create_account, create_transaction, signed_in_user
from tests.ledger_data import START, WORDS, Ledger, ledgers, store

EXAMPLES = hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def plain_words(text: str) -> set[str]:
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    )
    return set(stripped.lower().split())


def expected(ledger: Ledger, query: dict) -> list[str]:
    rows = ledger.rows
    if "date_from" in query:
        rows = [r for r in rows if r.booked_on >= date.fromisoformat(query["date_from"])]
    if "date_to" in query:
        rows = [r for r in rows if r.booked_on <= date.fromisoformat(query["date_to"])]
    if "account_id" in query:
        rows = [r for r in rows if str(r.account_id) in query["account_id"]]
    if "category_id" in query:
        wanted = query["category_id"]
        rows = [
            r
            for r in rows
            if (r.category_id is None and "none" in wanted) or str(r.category_id) in wanted
        ]
    if "tag_id" in query:
        rows = [r for r in rows if {str(t) for t in r.tag_ids} & set(query["tag_id"])]
    if query.get("type") == "income":
        rows = [r for r in rows if r.amount > 0]
    if query.get("type") == "expense":
        rows = [r for r in rows if r.amount < 0]
    major = lambda r: Decimal(r.amount).scaleb(-exponent(r.currency))  # noqa: E731
    if "amount_min" in query:
        rows = [r for r in rows if major(r) >= Decimal(query["amount_min"])]
    if "amount_max" in query:
        rows = [r for r in rows if major(r) <= Decimal(query["amount_max"])]
    if "q" in query:
        rows = [r for r in rows if plain_words(query["q"]) <= plain_words(r.description)]
    sort = query.get("sort", "-booked_on")
    key = (
        (lambda r: (r.amount, str(r.id)))
        if "amount" in sort
        else (lambda r: (r.booked_on, str(r.id)))
    )
    rows = sorted(rows, key=key, reverse=sort.startswith("-"))
    return [str(r.id) for r in rows]


@st.composite
def queries(draw, ledger: Ledger) -> dict:
    query: dict = {}
    if draw(st.booleans()):
        query["date_from"] = str(START + timedelta(draw(st.integers(0, 400))))
    if draw(st.booleans()):
        query["date_to"] = str(START + timedelta(draw(st.integers(0, 400))))
    if draw(st.booleans()):
        accounts = [str(a.id) for a in ledger.accounts]
        query["account_id"] = draw(st.lists(st.sampled_from(accounts), min_size=1, max_size=2))
    if draw(st.booleans()):
        options = [*map(str, ledger.categories), "none"]
        query["category_id"] = draw(st.lists(st.sampled_from(options), min_size=1, max_size=2))
    if ledger.tags and draw(st.booleans()):
        query["tag_id"] = draw(st.lists(st.sampled_from(list(map(str, ledger.tags))), min_size=1))
    if draw(st.booleans()):
        query["type"] = draw(st.sampled_from(["income", "expense"]))
    # Bounds equal to stored amounts pin the edges (inclusive, per currency exponent).
    stored = [str(Decimal(r.amount).scaleb(-exponent(r.currency))) for r in ledger.rows]
    amounts = st.decimals(-5000, 5000, places=2).map(str)
    if stored:
        amounts = amounts | st.sampled_from(stored)
    if draw(st.booleans()):
        query["amount_min"] = draw(amounts)
    if draw(st.booleans()):
        query["amount_max"] = draw(amounts)
    if draw(st.booleans()):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2))
        # Case and diacritics must not matter.
        query["q"] = " ".join(
            draw(st.sampled_from([w, w.upper(), w.lower(), plain(w)])) for w in words
        )
    query["sort"] = draw(st.sampled_from(["-booked_on", "booked_on", "-amount", "amount"]))
    return query


def plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


async def every_page(client, headers, query: dict, limit: int) -> list[str]:
    seen: list[str] = []
    cursor = None
    for _ in range(100):
        params = {**query, "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = await client.get("/transactions", params=params, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= limit
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("pagination did not end")


@EXAMPLES
@given(spec=ledgers(), data=st.data())
async def test_filters_and_sorting_match_an_independent_computation(app, client, spec, data):
    ledger = await store(app, spec)
    for _ in range(3):
        query = data.draw(queries(ledger))
        limit = data.draw(st.integers(1, 12))
        assert await every_page(client, ledger.headers, query, limit) == expected(ledger, query)


@hypothesis_settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=ledgers(max_transactions=25), data=st.data())
async def test_pages_have_no_gaps_or_repeats_while_rows_are_added(app, client, spec, data):
    ledger = await store(app, spec)
    account = {"id": str(ledger.accounts[0].id)}
    sort = data.draw(st.sampled_from(["-booked_on", "booked_on", "-amount", "amount"]))
    seen: list[str] = []
    cursor = None
    added: set[str] = set()
    while True:
        params = {"limit": 4, "sort": sort, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/transactions", params=params, headers=ledger.headers)).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        # Someone adds transactions anywhere in the order between two pages.
        for _ in range(data.draw(st.integers(0, 2))):
            day = START + timedelta(data.draw(st.integers(0, 400)))
            amount = data.draw(st.integers(-9999, 9999))
            body = {"account_id": account["id"], "amount": f"{amount}", "booked_on": str(day)}
            response = await client.post("/transactions", json=body, headers=ledger.headers)
            added.add(response.json()["id"])
    assert len(seen) == len(set(seen)), "a row appeared twice"
    assert {str(r.id) for r in ledger.rows} <= set(seen), "a row that existed was skipped"
    assert set(seen) <= {str(r.id) for r in ledger.rows} | added


async def test_limits_and_bad_parameters(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    account = await create_account(client, user)
    for n in range(3):
        await create_transaction(client, user, account, f"-{n + 1}")
    default = (await client.get("/transactions", headers=user.headers)).json()
    assert len(default["items"]) == 3 and default["next_cursor"] is None
    cases = [
        ("limit=0", 422),
        ("limit=501", 422),
        ("type=transfer", 422),
        ("category_id=nothing", 422),
        ("date_from=2026-13-01", 422),
        ("amount_min=lots", 422),
        ("sort=description", 422),
        ("cursor=not-a-cursor", 400),
    ]
    for query, code in cases:
        response = await client.get(f"/transactions?{query}", headers=user.headers)
        assert response.status_code == code, (query, response.text)
    first = (await client.get("/transactions?limit=1", headers=user.headers)).json()
    other_sort = await client.get(
        f"/transactions?limit=1&sort=amount&cursor={first['next_cursor']}", headers=user.headers
    )
    assert other_sort.status_code == 400
    assert other_sort.json()["detail"]["code"] == "INVALID_CURSOR"
    assert (
        len((await client.get("/transactions?limit=500", headers=user.headers)).json()["items"])
        == 3
    )


async def test_amount_bounds_are_inclusive_in_each_currencys_units(app, client):
    spec = {
        "accounts": ["CZK", "JPY"],
        "categories": 0,
        "tags": 0,
        "rows": [
            {
                "account": 0,
                "day": 1,
                "amount": -12345,
                "words": [],
                "category": None,
                "tags": set(),
            },
            {"account": 1, "day": 2, "amount": -124, "words": [], "category": None, "tags": set()},
            {"account": 1, "day": 3, "amount": -123, "words": [], "category": None, "tags": set()},
        ],
    }
    ledger = await store(app, spec)
    for query in (
        {"amount_min": "-123.45"},
        {"amount_max": "-123.45"},
        {"amount_min": "-123.45", "amount_max": "-123.45"},
        {"amount_min": "-124", "amount_max": "-123"},
    ):
        found = await every_page(client, ledger.headers, query, 10)
        assert found == expected(ledger, query), query
        assert found, query

"""Defects 1 and 2: every request's work is bounded, and malformed input is a 4xx, never a 500.
Each test repeats the tester's request."""

import pytest

from cashbook.kit.db import session_scope
from cashbook.models import Account
from tests.factories import create_account, signed_in_user


async def add_accounts(app, user_id: str, count: int) -> None:
    import uuid

    async with session_scope(app.state.sessionmaker) as session:
        session.add_all(
            Account(user_id=uuid.UUID(user_id), name=f"Account {n}", currency="CZK")
            for n in range(count)
        )


async def test_a_balance_over_millennia_is_refused_before_any_work(app, client):
    user = await signed_in_user(app, client, "many@example.com")
    await add_accounts(app, user.id, 60)
    query = {"date_from": "2025-11-30", "interval": "month"}
    tester = await client.get(
        "/reports/balance", params={**query, "date_to": "4407-06-30"}, headers=user.headers
    )
    assert tester.status_code == 422  # past the last date the API accepts
    huge = await client.get(
        "/reports/balance", params={**query, "date_to": "2999-12-31"}, headers=user.headers
    )
    assert huge.status_code == 400
    assert huge.json()["detail"]["code"] == "INVALID_PERIOD"
    decade = await client.get(
        "/reports/balance", params={**query, "date_to": "2035-11-30"}, headers=user.headers
    )
    assert decade.status_code == 200
    assert len(decade.json()["accounts"]) == 60


async def test_one_person_has_at_most_200_accounts(app, client):
    user = await signed_in_user(app, client, "hoarder@example.com")
    await add_accounts(app, user.id, 200)
    refused = await client.post(
        "/accounts", json={"name": "One more", "currency": "CZK"}, headers=user.headers
    )
    assert refused.status_code == 409
    assert refused.json()["detail"]["code"] == "ACCOUNT_LIMIT_REACHED"


@pytest.mark.parametrize(
    ("path", "module", "code"),
    [
        ("/tags", "cashbook.tags.service.MAX_TAGS", "TAG_LIMIT_REACHED"),
        ("/categories", "cashbook.categories.service.MAX_CATEGORIES", "CATEGORY_LIMIT_REACHED"),
    ],
)
async def test_tags_and_categories_are_limited_per_person(
    app, client, monkeypatch, path, module, code
):
    user = await signed_in_user(app, client, "labels@example.com")
    existing = len((await client.get(path, headers=user.headers)).json())
    monkeypatch.setattr(module, existing + 1)
    assert (await client.post(path, json={"name": "Last"}, headers=user.headers)).status_code == 201
    refused = await client.post(path, json={"name": "Too many"}, headers=user.headers)
    assert refused.status_code == 409
    assert refused.json()["detail"]["code"] == code


@pytest.mark.parametrize("field", ["name", "kind", "archived", "currency", "opening_balance"])
async def test_null_for_an_account_field_is_422(app, client, field):
    user = await signed_in_user(app, client, "nulls@example.com")
    account = await create_account(client, user)
    response = await client.patch(
        f"/accounts/{account['id']}", json={field: None}, headers=user.headers
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field


@pytest.mark.parametrize("field", ["first_name", "last_name", "base_currency", "password"])
async def test_null_for_a_profile_field_is_422(app, client, field):
    user = await signed_in_user(app, client, "me-nulls@example.com")
    response = await client.patch("/users/me", json={field: None}, headers=user.headers)
    assert response.status_code == 422


async def test_null_still_clears_an_iban(app, client):
    user = await signed_in_user(app, client, "clear@example.com")
    account = await create_account(client, user, iban="CZ6508000000192000145399")
    cleared = await client.patch(
        f"/accounts/{account['id']}", json={"iban": None}, headers=user.headers
    )
    assert cleared.status_code == 200 and cleared.json()["iban"] is None


@pytest.mark.parametrize("path", ["/tags", "/categories"])
async def test_names_are_unique_in_any_case_and_unicode_form(app, client, path):
    user = await signed_in_user(app, client, "unicode@example.com")
    first = await client.post(path, json={"name": "Žabka"}, headers=user.headers)
    assert first.status_code == 201
    for twin in ("Žabka", "ŽABKA", "Z\u030cabka"):  # the last one decomposed (NFD)
        again = await client.post(path, json={"name": twin}, headers=user.headers)
        assert again.status_code == 409, twin
        assert again.json()["detail"]["code"].endswith("_NAME_TAKEN")
    # Accents still matter: MariaDB's collation alone would call these equal.
    assert (
        await client.post(path, json={"name": "Zabka"}, headers=user.headers)
    ).status_code == 201

    other = await client.post(path, json={"name": "Lidl"}, headers=user.headers)
    renamed = await client.patch(
        f"{path}/{other.json()['id']}", json={"name": "žABKA"}, headers=user.headers
    )
    assert renamed.status_code == 409


async def test_an_amount_filter_beyond_any_amount_is_accepted(app, client):
    user = await signed_in_user(app, client, "rich@example.com")
    for bound in ("amount_max", "amount_min"):
        for value in ("9999999999999999", "-9999999999999999"):
            response = await client.get(
                "/transactions", params={bound: value}, headers=user.headers
            )
            assert response.status_code == 200, (bound, value)


@pytest.mark.parametrize("value", ["0", "1700000000", "2025-1-1", "3000-01-01"])
async def test_dates_in_queries_are_iso_dates_within_range(app, client, value):
    user = await signed_in_user(app, client, "dates@example.com")
    for path in ("/reports/summary", "/transactions"):
        response = await client.get(path, params={"date_to": value}, headers=user.headers)
        assert response.status_code == 422, (path, value)

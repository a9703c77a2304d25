"""A second person never reads or changes the first one's ledger: every id answers 404."""

import pytest

from tests.factories import api_create, create_account, create_transaction, signed_in_user


@pytest.fixture
async def two_people(app, client):
    owner = await signed_in_user(app, client, "owner@example.com")
    other = await signed_in_user(app, client, "other@example.com")
    account = await create_account(client, owner)
    category = await api_create(client, owner, "/categories", {"name": "Groceries"})
    tag = await api_create(client, owner, "/tags", {"name": "holiday"})
    transaction = await create_transaction(
        client,
        owner,
        account,
        "-99.90",
        description="Potraviny",
        category_id=category["id"],
        tag_ids=[tag["id"]],
    )
    ids = {
        "accounts": account["id"],
        "categories": category["id"],
        "tags": tag["id"],
        "transactions": transaction["id"],
    }
    return owner, other, ids


CHANGES = {
    "accounts": {"name": "Mine now"},
    "categories": {"name": "Mine now"},
    "tags": {"name": "mine"},
    "transactions": {"note": "mine now"},
}


@pytest.mark.parametrize("collection", list(CHANGES))
async def test_read_update_delete_of_anothers_row_is_404(client, two_people, collection):
    owner, other, ids = two_people
    url = f"/{collection}/{ids[collection]}"
    before = (await client.get(url, headers=owner.headers)).json()

    assert (await client.get(url, headers=other.headers)).status_code == 404
    patched = await client.patch(url, json=CHANGES[collection], headers=other.headers)
    assert patched.status_code == 404
    deleted = await client.delete(f"{url}?force=true", headers=other.headers)
    assert deleted.status_code == 404

    assert (await client.get(url, headers=owner.headers)).json() == before
    listed = await client.get(f"/{collection}", headers=other.headers)
    listed_ids = [
        item["id"]
        for item in (listed.json() if collection != "transactions" else listed.json()["items"])
    ]
    assert ids[collection] not in listed_ids


async def test_anothers_account_category_or_tag_cannot_be_used(client, two_people):
    owner, other, ids = two_people
    mine = await create_account(client, other)
    attempts = [
        {"account_id": ids["accounts"], "amount": "1", "booked_on": "2026-01-01"},
        {
            "account_id": mine["id"],
            "amount": "1",
            "booked_on": "2026-01-01",
            "category_id": ids["categories"],
        },
        {
            "account_id": mine["id"],
            "amount": "1",
            "booked_on": "2026-01-01",
            "tag_ids": [ids["tags"]],
        },
    ]
    for body in attempts:
        response = await client.post("/transactions", json=body, headers=other.headers)
        assert response.status_code == 404, body
    parent = await client.post(
        "/categories", json={"name": "Sub", "parent_id": ids["categories"]}, headers=other.headers
    )
    assert parent.status_code == 404
    for query in (
        f"account_id={ids['accounts']}",
        f"category_id={ids['categories']}",
        f"tag_id={ids['tags']}",
    ):
        assert (
            await client.get(f"/transactions?{query}", headers=other.headers)
        ).status_code == 404
    for report in ("summary", "by-category", "by-month", "balance"):
        response = await client.get(
            f"/reports/{report}?account_id={ids['accounts']}", headers=other.headers
        )
        assert response.status_code == 404, report
    empty = (await client.get("/reports/summary", headers=other.headers)).json()
    assert empty["totals"] == []
    moved = await client.patch(
        f"/transactions/{ids['transactions']}",
        json={"account_id": mine["id"]},
        headers=owner.headers,
    )
    assert moved.status_code == 404


@pytest.mark.parametrize("action", ["set_category", "add_tags", "remove_tags", "delete"])
async def test_bulk_with_one_foreign_id_changes_nothing(client, two_people, action):
    owner, other, ids = two_people
    account = await create_account(client, other)
    own = [
        (await create_transaction(client, other, account, f"-{n}", description=f"own {n}"))["id"]
        for n in range(1, 4)
    ]
    category = await api_create(client, other, "/categories", {"name": "Mine"})
    tag = await api_create(client, other, "/tags", {"name": "mine"})
    await client.post(
        "/transactions/bulk",
        json={"ids": own, "action": "add_tags", "tag_ids": [tag["id"]]},
        headers=other.headers,
    )
    before = (await client.get("/transactions", headers=other.headers)).json()
    owners_before = (
        await client.get(f"/transactions/{ids['transactions']}", headers=owner.headers)
    ).json()

    body = {"ids": [*own, ids["transactions"]], "action": action}
    if action == "set_category":
        body["category_id"] = category["id"]
    if action.endswith("_tags"):
        body["tag_ids"] = [tag["id"]]
    response = await client.post("/transactions/bulk", json=body, headers=other.headers)
    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "TRANSACTION_NOT_FOUND"

    assert (await client.get("/transactions", headers=other.headers)).json() == before
    after = (await client.get(f"/transactions/{ids['transactions']}", headers=owner.headers)).json()
    assert after == owners_before

    # A foreign category or tag in an otherwise valid request is refused the same way.
    if action in ("set_category", "add_tags"):
        foreign = (
            {"category_id": ids["categories"]}
            if action == "set_category"
            else {"tag_ids": [ids["tags"]]}
        )
        response = await client.post(
            "/transactions/bulk",
            json={"ids": own, "action": action, **foreign},
            headers=other.headers,
        )
        assert response.status_code == 404
        assert (await client.get("/transactions", headers=other.headers)).json() == before

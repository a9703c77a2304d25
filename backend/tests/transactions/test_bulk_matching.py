"""Select all N matching: an action over every transaction the list's filters match, applied
only while the filters still match the count the person was shown."""

from cashbook.transactions import service
from tests.factories import api_create, create_account, create_transaction, signed_in_user

ALBERTS = 57  # more than a page of the list


async def a_ledger(app, client):
    user = await signed_in_user(app, client, "bulk@example.com")
    account = await create_account(client, user)
    groceries = await api_create(client, user, "/categories", {"name": "Groceries"})
    for n in range(ALBERTS):
        await create_transaction(client, user, account, f"-{n + 1}", description="Albert Praha")
    for n in range(3):
        await create_transaction(client, user, account, "-10", description=f"Tesco {n}")
    return user, account, groceries


async def count(client, user, **filters) -> int:
    answer = await client.get("/transactions/count", params=filters, headers=user.headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["count"]


async def test_every_match_is_changed_when_the_count_still_holds(app, client):
    user, account, groceries = await a_ledger(app, client)
    filters = {"q": "albert", "account_id": [account["id"]]}
    assert await count(client, user, **filters) == ALBERTS
    body = {"filters": filters, "action": "set_category", "category_id": groceries["id"]}

    stale = await client.post(
        "/transactions/bulk-matching", json={**body, "expected_count": 50}, headers=user.headers
    )
    assert stale.status_code == 409
    assert stale.json()["detail"]["code"] == "MATCHING_COUNT_CHANGED"
    assert await count(client, user, category_id=groceries["id"]) == 0  # nothing changed

    done = await client.post(
        "/transactions/bulk-matching",
        json={**body, "expected_count": ALBERTS},
        headers=user.headers,
    )
    assert set(done.json()) == {"action", "count", "batch_id"}  # one batch, undone as one
    assert (done.json()["action"], done.json()["count"]) == ("set_category", ALBERTS)
    assert await count(client, user, category_id=groceries["id"]) == ALBERTS
    assert await count(client, user, category_id="none") == 3  # the Tescos stay

    tag = await api_create(client, user, "/tags", {"name": "shop"})
    tagged = await client.post(
        "/transactions/bulk-matching",
        json={
            "filters": {"type": "expense", "amount_max": "-10"},
            "action": "add_tags",
            "tag_ids": [tag["id"]],
            "expected_count": ALBERTS - 9 + 3,  # -10 … -57 and the three Tescos at -10
        },
        headers=user.headers,
    )
    assert tagged.status_code == 200, tagged.text
    assert await count(client, user, tag_id=tag["id"]) == ALBERTS - 9 + 3

    deleted = await client.post(
        "/transactions/bulk-matching",
        json={"filters": {"q": "tesco"}, "action": "delete", "expected_count": 3},
        headers=user.headers,
    )
    assert deleted.json()["count"] == 3
    assert await count(client, user) == ALBERTS


async def test_another_persons_filters_or_rows_are_out_of_reach(app, client):
    owner, account, groceries = await a_ledger(app, client)
    other = await signed_in_user(app, client, "other@example.com")
    assert await count(client, other, q="albert") == 0
    for filters in ({"account_id": [account["id"]]}, {"category_id": [groceries["id"]]}):
        answer = await client.get("/transactions/count", params=filters, headers=other.headers)
        assert answer.status_code == 404
        answer = await client.post(
            "/transactions/bulk-matching",
            json={"filters": filters, "action": "delete", "expected_count": ALBERTS + 3},
            headers=other.headers,
        )
        assert answer.status_code == 404
    # Matching nothing of theirs, the other person's delete-everything changes nothing.
    answer = await client.post(
        "/transactions/bulk-matching",
        json={"filters": {}, "action": "delete", "expected_count": ALBERTS + 3},
        headers=other.headers,
    )
    assert answer.status_code == 409
    assert await count(client, owner) == ALBERTS + 3


async def test_work_per_request_is_bounded(app, client, monkeypatch):
    user, _account, _groceries = await a_ledger(app, client)
    monkeypatch.setattr(service, "MAX_MATCHING", 20)
    answer = await client.post(
        "/transactions/bulk-matching",
        json={"filters": {"q": "albert"}, "action": "delete", "expected_count": ALBERTS},
        headers=user.headers,
    )
    assert answer.status_code == 400
    assert answer.json()["detail"]["code"] == "TOO_MANY_MATCHING"
    assert await count(client, user) == ALBERTS + 3

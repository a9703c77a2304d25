"""A change to transactions reaches the person's open screens: editing, re-categorising in bulk
or deleting moves budgets and reports as much as a new transaction does."""

import json

from sqlalchemy import select

from cashbook.models import LiveEvent
from tests.factories import api_create, create_account, create_transaction, signed_in_user


async def events(app, user) -> list[tuple[str, dict]]:
    async with app.state.sessionmaker() as session:
        rows = await session.execute(
            select(LiveEvent).where(LiveEvent.user_id == user.id).order_by(LiveEvent.id)
        )
        return [(row.kind, json.loads(row.data)) for row in rows.scalars()]


async def test_edits_bulk_changes_and_deletions_are_announced_to_the_owner_only(app, client):
    alice = await signed_in_user(app, client, "alice.live@example.com")
    bob = await signed_in_user(app, client, "bob.live@example.com")
    account = await create_account(client, alice)
    food = await api_create(client, alice, "/categories", {"name": "Food"})
    first = await create_transaction(client, alice, account, "-10.00")
    second = await create_transaction(client, alice, account, "-20.00")
    assert await events(app, alice) == [("transactions", {"created": 1, "changed": 0})] * 2

    edited = await client.patch(
        f"/transactions/{first['id']}", json={"category_id": food["id"]}, headers=alice.headers
    )
    assert edited.status_code == 200, edited.text
    bulk = await client.post(
        "/transactions/bulk",
        json={
            "action": "set_category",
            "ids": [first["id"], second["id"]],
            "category_id": food["id"],
        },
        headers=alice.headers,
    )
    assert bulk.status_code == 200, bulk.text
    deleted = await client.delete(f"/transactions/{second['id']}", headers=alice.headers)
    assert deleted.status_code == 204, deleted.text

    assert (await events(app, alice))[2:] == [
        ("transactions", {"created": 0, "changed": 1}),
        ("transactions", {"created": 0, "changed": 2}),
        ("transactions", {"created": 0, "changed": 1}),
    ]
    # Bob's attempt on Alice's transaction changes nothing and announces nothing.
    refused = await client.delete(f"/transactions/{first['id']}", headers=bob.headers)
    assert refused.status_code == 404
    assert await events(app, bob) == []
    assert len(await events(app, alice)) == 5

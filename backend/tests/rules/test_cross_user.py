"""A person never reads, changes or uses another's rules, nor names another's accounts,
categories or tags in their own: every such id answers 404."""

from tests.factories import api_create, create_account, create_transaction, signed_in_user
from tests.rules.helpers import contains, create_rule


async def test_every_rules_endpoint_answers_404_for_anothers_ids(app, client):
    owner = await signed_in_user(app, client, "owner@example.com")
    other = await signed_in_user(app, client, "other@example.com")
    account = await create_account(client, owner)
    category = await api_create(client, owner, "/categories", {"name": "Groceries"})
    tag = await api_create(client, owner, "/tags", {"name": "shop"})
    rule = await create_rule(client, owner, contains("albert"), category_id=category["id"])
    url = f"/rules/{rule['id']}"
    await create_rule(client, other, contains("mine"), display_name="mine")

    assert (await client.get(url, headers=other.headers)).status_code == 404
    patched = await client.patch(url, json={"name": "mine now"}, headers=other.headers)
    assert patched.status_code == 404
    assert patched.json()["detail"]["code"] == "RULE_NOT_FOUND"
    assert (await client.delete(url, headers=other.headers)).status_code == 404
    reorder = await client.put(
        "/rules/order", json={"rule_ids": [rule["id"]]}, headers=other.headers
    )
    assert reorder.status_code == 404
    listed = (await client.get("/rules", headers=other.headers)).json()
    assert rule["id"] not in [r["id"] for r in listed]

    uses = [
        {"conditions": [{"field": "account", "account_id": account["id"]}], "display_name": "x"},
        {"conditions": [contains("a")], "category_id": category["id"]},
        {"conditions": [contains("a")], "tag_ids": [tag["id"]]},
    ]
    mine = listed[0]["id"]
    for body in uses:
        created = await client.post("/rules", json={"name": "x", **body}, headers=other.headers)
        assert created.status_code == 404, body
        changed = await client.patch(f"/rules/{mine}", json=body, headers=other.headers)
        assert changed.status_code == 404, body

    assert (await client.get(url, headers=owner.headers)).json() == rule
    row = await create_transaction(client, owner, account, "-1", description="private")
    draft = await client.get(
        "/rules/draft", params={"transaction_id": row["id"]}, headers=other.headers
    )
    assert draft.status_code == 404
    assert "private" not in draft.text

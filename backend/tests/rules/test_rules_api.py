"""`/rules`: create, read, change, order and delete a person's rules; caps; bad input."""

import pytest

from cashbook.rules import service as rules_service
from tests.factories import api_create, create_account, create_transaction, signed_in_user
from tests.rules.helpers import contains, create_rule


@pytest.fixture
async def person(app, client):
    return await signed_in_user(app, client, "rules@example.com")


async def test_a_rule_round_trips_with_every_kind_of_condition(client, person):
    account = await create_account(client, person)
    category = await api_create(client, person, "/categories", {"name": "Groceries"})
    tag = await api_create(client, person, "/tags", {"name": "shop"})
    conditions = [
        {"field": "description", "op": "matches", "value": "*albert*"},
        {"field": "counterparty_name", "op": "starts_with", "value": "Albert"},
        {"field": "counterparty_account", "op": "equals", "value": "123/0100"},
        {"field": "amount", "op": "between", "value": "10", "value_to": "500.50"},
        {"field": "account", "account_id": account["id"]},
        {"field": "direction", "value": "out"},
        {"field": "currency", "value": "CZK"},
    ]
    rule = await create_rule(
        client,
        person,
        *conditions,
        match="any",
        category_id=category["id"],
        tag_ids=[tag["id"]],
        display_name="Albert",
    )
    assert rule["conditions"] == conditions
    assert (rule["match"], rule["enabled"], rule["position"]) == ("any", True, 0)
    assert (rule["category_id"], rule["tag_ids"], rule["display_name"]) == (
        category["id"],
        [tag["id"]],
        "Albert",
    )
    read = await client.get(f"/rules/{rule['id']}", headers=person.headers)
    assert read.json() == rule

    changed = await client.patch(
        f"/rules/{rule['id']}",
        json={"enabled": False, "category_id": None, "tag_ids": [], "name": "renamed"},
        headers=person.headers,
    )
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["enabled"], body["category_id"], body["tag_ids"], body["name"]) == (
        False,
        None,
        [],
        "renamed",
    )
    assert body["display_name"] == "Albert" and body["conditions"] == rule["conditions"]

    deleted = await client.delete(f"/rules/{rule['id']}", headers=person.headers)
    assert deleted.status_code == 204
    assert (await client.get(f"/rules/{rule['id']}", headers=person.headers)).status_code == 404


async def test_rules_are_listed_in_order_and_reordered(client, person):
    rules = [
        await create_rule(client, person, contains(f"shop {n}"), display_name=f"Shop {n}")
        for n in range(3)
    ]
    listed = (await client.get("/rules", headers=person.headers)).json()
    assert [r["id"] for r in listed] == [r["id"] for r in rules]
    assert [r["position"] for r in listed] == [0, 1, 2]

    wanted = [rules[2]["id"], rules[0]["id"], rules[1]["id"]]
    reordered = await client.put("/rules/order", json={"rule_ids": wanted}, headers=person.headers)
    assert reordered.status_code == 200, reordered.text
    assert [r["id"] for r in reordered.json()] == wanted
    listed = (await client.get("/rules", headers=person.headers)).json()
    assert [r["id"] for r in listed] == wanted

    for partial in (wanted[:2], [*wanted, wanted[0]]):
        refused = await client.put(
            "/rules/order", json={"rule_ids": partial}, headers=person.headers
        )
        assert refused.status_code == 422
        assert refused.json()["detail"]["code"] == "RULE_ORDER_MISMATCH"


async def test_a_rule_must_do_something_and_its_conditions_make_sense(client, person):
    bad = [
        {"name": "x", "conditions": [contains("a")]},  # no action
        {"name": "x", "conditions": [], "display_name": "y"},  # no condition
        {"name": "x", "conditions": [contains("a" * 101)], "display_name": "y"},
        {
            "name": "x",
            "conditions": [{"field": "amount", "op": "between", "value": "1"}],
            "display_name": "y",
        },
        {
            "name": "x",
            "conditions": [{"field": "amount", "op": "above", "value": "1", "value_to": "2"}],
            "display_name": "y",
        },
        {"name": "x", "conditions": [{"field": "direction", "value": "up"}], "display_name": "y"},
        {"name": "x", "conditions": [{"field": "currency", "value": "XYZ"}], "display_name": "y"},
        {"name": "x", "conditions": [{"field": "note", "op": "contains", "value": "a"}]},
    ]
    for body in bad:
        response = await client.post("/rules", json=body, headers=person.headers)
        assert response.status_code == 422, body
    rule = await create_rule(client, person, contains("a"), display_name="y")
    emptied = await client.patch(
        f"/rules/{rule['id']}", json={"display_name": None}, headers=person.headers
    )
    assert emptied.status_code == 422
    assert emptied.json()["detail"]["code"] == "RULE_WITHOUT_ACTION"


async def test_one_person_has_at_most_max_rules(client, person, monkeypatch):
    monkeypatch.setattr(rules_service, "MAX_RULES", 2)
    for n in range(2):
        await create_rule(client, person, contains(str(n)), display_name="y")
    refused = await client.post(
        "/rules",
        json={"name": "one more", "conditions": [contains("z")], "display_name": "y"},
        headers=person.headers,
    )
    assert refused.status_code == 409
    assert refused.json()["detail"]["code"] == "RULE_LIMIT_REACHED"
    assert len((await client.get("/rules", headers=person.headers)).json()) == 2


async def test_deleting_a_rule_keeps_what_it_set(client, person):
    account = await create_account(client, person)
    category = await api_create(client, person, "/categories", {"name": "Fuel"})
    rule = await create_rule(client, person, contains("shell"), category_id=category["id"])
    created = await create_transaction(client, person, account, "-900", description="SHELL D1")
    assert created["rule_id"] == rule["id"]
    await client.delete(f"/rules/{rule['id']}", headers=person.headers)
    after = (await client.get(f"/transactions/{created['id']}", headers=person.headers)).json()
    assert (after["category_id"], after["rule_id"]) == (category["id"], None)


async def test_a_rule_drafted_from_a_transaction_matches_it(client, person):
    account = await create_account(client, person)
    category = await api_create(client, person, "/categories", {"name": "Phone"})
    tag = await api_create(client, person, "/tags", {"name": "monthly"})
    row = await create_transaction(
        client,
        person,
        account,
        "-499",
        description="Vyúčtování 03/2026",
        counterparty_name="T-Mobile Czech Republic a.s.",
        category_id=category["id"],
        tag_ids=[tag["id"]],
    )
    draft = await client.get(
        "/rules/draft", params={"transaction_id": row["id"]}, headers=person.headers
    )
    assert draft.status_code == 200, draft.text
    body = draft.json()
    assert body["conditions"] == [
        {"field": "counterparty_name", "op": "equals", "value": "T-Mobile Czech Republic a.s."},
        {"field": "direction", "value": "out"},
    ]
    assert (body["category_id"], body["tag_ids"]) == (category["id"], [tag["id"]])
    rule = await api_create(client, person, "/rules", body)
    again = await create_transaction(
        client, person, account, "-520", counterparty_name="T-MOBILE CZECH REPUBLIC A.S."
    )
    assert (again["rule_id"], again["category_id"]) == (rule["id"], category["id"])

"""Rules apply at ingest through every way in: manual entry, statement import, bank sync."""

from decimal import Decimal

import pytest

from cashbook.banking.fake_bank.state import FakeBankConfig
from tests.factories import (
    all_transactions,
    api_create,
    connect_bank,
    create_account,
    create_transaction,
    signed_in_user,
)
from tests.imports.helpers import fixture, imported
from tests.rules.helpers import contains, create_rule


@pytest.fixture
async def person(app, client):
    return await signed_in_user(app, client, "ingest@example.com")


async def test_manual_entries_get_what_the_first_matching_rules_set(client, person):
    account = await create_account(client, person)
    groceries = await api_create(client, person, "/categories", {"name": "Groceries"})
    other = await api_create(client, person, "/categories", {"name": "Other"})
    shop = await api_create(client, person, "/tags", {"name": "shop"})
    mine = await api_create(client, person, "/tags", {"name": "mine"})
    disabled = await create_rule(
        client, person, contains("albert"), category_id=other["id"], enabled=False
    )
    first = await create_rule(client, person, contains("albert"), category_id=groceries["id"])
    second = await create_rule(
        client,
        person,
        {"field": "direction", "value": "out"},
        category_id=other["id"],
        tag_ids=[shop["id"]],
        display_name="Albert supermarket",
    )

    created = await create_transaction(
        client, person, account, "-372.50", description="Platba kartou ALBERT 0412"
    )
    assert (created["category_id"], created["rule_id"]) == (groceries["id"], first["id"])
    assert (created["tag_ids"], created["display_name"]) == ([shop["id"]], "Albert supermarket")
    assert created["description"] == "Platba kartou ALBERT 0412"  # the source's text stays

    # What the person gives is kept; the rules add to it.
    chosen = await create_transaction(
        client,
        person,
        account,
        "-10",
        description="albert",
        category_id=other["id"],
        tag_ids=[mine["id"]],
        display_name="my name",
    )
    assert (chosen["category_id"], chosen["display_name"]) == (other["id"], "my name")
    assert sorted(chosen["tag_ids"]) == sorted([mine["id"], shop["id"]])
    assert chosen["rule_id"] == second["id"]

    # Money in matches neither enabled rule.
    income = await create_transaction(client, person, account, "100", description="refund")
    assert (income["category_id"], income["rule_id"], income["tag_ids"]) == (None, None, [])

    # Enabling the first rule puts it first in line for the category.
    await client.patch(f"/rules/{disabled['id']}", json={"enabled": True}, headers=person.headers)
    again = await create_transaction(client, person, account, "-1", description="ALBERT")
    assert (again["category_id"], again["rule_id"]) == (other["id"], disabled["id"])


async def test_statement_imports_apply_rules(client, person):
    account = await create_account(client, person, iban="CZ8620100000002900123456")
    housing = await api_create(client, person, "/categories", {"name": "Housing"})
    rule = await create_rule(
        client,
        person,
        {"field": "counterparty_name", "op": "matches", "value": "bytové družstvo *"},
        {"field": "amount", "op": "above", "value": "10000"},
        category_id=housing["id"],
    )
    result = await imported(client, person, account["id"], fixture("csv/fio-2024-03-01_15.csv"))
    assert result["created"] == 7
    items = await all_transactions(client, person.headers, account_id=account["id"])
    applied = [item for item in items if item["rule_id"]]
    assert [Decimal(item["amount"]) for item in applied] == [Decimal("-11800.00")]
    assert applied[0]["category_id"] == housing["id"] and applied[0]["rule_id"] == rule["id"]
    assert all(item["category_id"] is None for item in items if not item["rule_id"])


@pytest.fixture
def fake_bank_config() -> FakeBankConfig:
    return FakeBankConfig(purchases_per_day=0.4, history_days=40)


@pytest.fixture
def bank(bank_settings, database_url):
    """The app talks to the fake bank. (Naming `database_url` lets pytest see the
    parametrised fixture behind the overridden settings.)"""
    return bank_settings


@pytest.fixture
def settings(bank):
    return bank


async def test_bank_syncs_apply_rules(client, person, fake_bank):
    bank = fake_bank.bank
    bank.pay_by_card(bank.customer.accounts[0], Decimal("89.00"), "Pekárna U Kočky", 1)
    spending = await api_create(client, person, "/categories", {"name": "Spending"})
    bakery = await create_rule(
        client, person, contains("kočky", "counterparty_name"), display_name="Bakery"
    )
    out = await create_rule(
        client, person, {"field": "direction", "value": "out"}, category_id=spending["id"]
    )
    await connect_bank(client, fake_bank, person)
    items = await all_transactions(client, person.headers)
    outgoing = [item for item in items if Decimal(item["amount"]) < 0]
    assert len(outgoing) > 10
    assert all(item["category_id"] == spending["id"] for item in outgoing)
    assert all(item["category_id"] is None for item in items if Decimal(item["amount"]) > 0)
    [bakery_payment] = [item for item in items if item["display_name"] == "Bakery"]
    assert bakery_payment["rule_id"] == bakery["id"]
    assert bakery_payment["category_id"] == spending["id"]  # the next rule set the category
    assert {item["rule_id"] for item in outgoing} == {bakery["id"], out["id"]}

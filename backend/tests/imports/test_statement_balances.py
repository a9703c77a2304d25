"""A statement's closing balance is checked against the ledger; it never changes history."""

from decimal import Decimal

import pytest

from tests.factories import all_transactions, create_account, signed_in_user
from tests.imports.helpers import fixture, imported


async def account_read(client, user, account_id: str) -> dict:
    response = await client.get(f"/accounts/{account_id}", headers=user.headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("name", "currency", "opening", "closing", "on"),
    [
        # Two statements in one file: the newer one's CLBD is the state.
        ("camt053/v2-two-statements.xml", "CZK", "15230.40", "43415.50", "2024-03-05"),
        ("ofx/checking-v102-latin1.ofx", "EUR", "848.06", "3104.77", "2024-03-31"),
        ("ofx/card-v211.qfx", "CZK", "0", "-86.00", "2024-05-31"),
    ],
)
async def test_each_statement_balance_matches_a_ledger_that_holds_the_file(
    app, client, name, currency, opening, closing, on
):
    user = await signed_in_user(app, client, "statements@example.com")
    account = await create_account(client, user, currency=currency, opening_balance=opening)
    assert account["reconciliation"] is None  # nothing stated yet
    result = await imported(client, user, account["id"], fixture(name))
    assert result["status"] == "succeeded", result
    reconciliation = (await account_read(client, user, account["id"]))["reconciliation"]
    assert reconciliation == {
        "state": "matches",
        "source": "statement",
        "checked_on": on,
        "stated": closing,
        "ledger": closing,
        "difference": "0.00",
    }


async def test_a_difference_is_shown_and_the_opening_balance_is_left_alone(app, client):
    user = await signed_in_user(app, client, "differs@example.com")
    account = await create_account(client, user, iban="CZ8620100000002900123456")
    result = await imported(client, user, account["id"], fixture("camt053/v2-two-statements.xml"))
    assert result["status"] == "succeeded", result
    shown = await account_read(client, user, account["id"])
    assert shown["opening_balance"] == "0.00"
    assert shown["balance"] == "28185.10"  # the file's six entries, nothing more
    assert shown["reconciliation"]["state"] == "differs"
    assert shown["reconciliation"]["difference"] == "-15230.40"  # the opening it lacks
    # Setting the opening balance the statement implies settles it.
    response = await client.patch(
        f"/accounts/{account['id']}", json={"opening_balance": "15230.40"}, headers=user.headers
    )
    assert response.json()["reconciliation"]["state"] == "matches"


async def test_a_multi_account_ofx_maps_by_account_number(app, client):
    user = await signed_in_user(app, client, "numbers@example.com")
    data = fixture("ofx/two-accounts-by-number.ofx")
    without = await create_account(client, user, name="No number", currency="USD")
    refused = await imported(client, user, without["id"], data)
    assert (refused["status"], refused["error"]["code"]) == ("failed", "IMPORT_WRONG_ACCOUNT")
    assert "account number" in refused["error"]["reason"]

    expected = {"9100": ("1457.90", "1957.90"), "9200": ("3.20", "803.20")}
    for number, (moved, closing) in expected.items():
        opening = str(Decimal(closing) - Decimal(moved))
        account = await create_account(
            client, user, name=number, currency="USD", number=number, opening_balance=opening
        )
        assert account["number"] == number
        result = await imported(client, user, account["id"], data)
        assert result["status"] == "succeeded", result
        items = await all_transactions(client, user.headers, account_id=account["id"])
        assert sum(Decimal(item["amount"]) for item in items) == Decimal(moved)
        reconciliation = (await account_read(client, user, account["id"]))["reconciliation"]
        assert (reconciliation["state"], reconciliation["stated"]) == ("matches", closing)


async def test_a_statement_check_of_another_persons_account_is_not_theirs(app, client):
    owner = await signed_in_user(app, client, "owner@example.com")
    account = await create_account(client, owner, currency="CZK")
    await imported(client, owner, account["id"], fixture("ofx/card-v211.qfx"))
    stranger = await signed_in_user(app, client, "stranger@example.com")
    response = await client.get(f"/accounts/{account['id']}", headers=stranger.headers)
    assert response.status_code == 404

"""Accounts: create, read, change, delete, balances."""

from tests.factories import create_account, create_transaction, signed_in_user


async def test_create_read_list_and_balance(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    account = await create_account(
        client,
        user,
        name="Spořicí účet",
        kind="savings",
        iban="CZ65 0800 0000 1920 0014 5399",
        opening_balance="1000.50",
    )
    assert account["iban"] == "CZ6508000000192000145399"
    assert (account["opening_balance"], account["balance"]) == ("1000.50", "1000.50")
    await create_transaction(client, user, account, "-200.25")
    await create_transaction(client, user, account, "50")

    read = (await client.get(f"/accounts/{account['id']}", headers=user.headers)).json()
    assert read["balance"] == "850.25"
    listed = (await client.get("/accounts", headers=user.headers)).json()
    assert [a["id"] for a in listed] == [account["id"]]
    assert listed[0]["balance"] == "850.25"


async def test_update_and_currency_lock(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    account = await create_account(client, user)
    changed = await client.patch(
        f"/accounts/{account['id']}",
        json={"name": "Renamed", "archived": True, "currency": "EUR", "iban": None},
        headers=user.headers,
    )
    assert changed.status_code == 200
    assert (changed.json()["name"], changed.json()["archived"], changed.json()["currency"]) == (
        "Renamed",
        True,
        "EUR",
    )
    await create_transaction(client, user, changed.json(), "-1")
    locked = await client.patch(
        f"/accounts/{account['id']}", json={"currency": "CZK"}, headers=user.headers
    )
    assert locked.status_code == 409
    assert locked.json()["detail"]["code"] == "ACCOUNT_CURRENCY_LOCKED"


async def test_delete_with_transactions_needs_force(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    account = await create_account(client, user)
    transaction = await create_transaction(client, user, account, "-10")

    refused = await client.delete(f"/accounts/{account['id']}", headers=user.headers)
    assert refused.status_code == 409
    assert refused.json()["detail"]["code"] == "ACCOUNT_HAS_TRANSACTIONS"
    assert (await client.get(f"/transactions/{transaction['id']}", headers=user.headers)).is_success

    forced = await client.delete(f"/accounts/{account['id']}?force=true", headers=user.headers)
    assert forced.status_code == 204
    assert (await client.get(f"/accounts/{account['id']}", headers=user.headers)).status_code == 404
    gone = await client.get(f"/transactions/{transaction['id']}", headers=user.headers)
    assert gone.status_code == 404

    empty = await create_account(client, user)
    assert (
        await client.delete(f"/accounts/{empty['id']}", headers=user.headers)
    ).status_code == 204


async def test_bad_input_is_explained(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    cases = [
        ({"name": "A", "currency": "czk"}, "currency"),
        ({"name": "", "currency": "CZK"}, "name"),
        ({"name": "A", "currency": "CZK", "kind": "crypto"}, "kind"),
        ({"name": "A", "currency": "CZK", "iban": "CZ65 0800 0000 1920 0014 5398"}, "iban"),
        ({"name": "A", "currency": "CZK", "opening_balance": "1,5"}, "opening_balance"),
        ({"name": "A", "currency": "CZK", "owner": "x"}, "owner"),
    ]
    for body, field in cases:
        response = await client.post("/accounts", json=body, headers=user.headers)
        assert response.status_code == 422, body
        assert response.json()["detail"][0]["loc"][-1] == field
    too_precise = await client.post(
        "/accounts",
        json={"name": "A", "currency": "JPY", "opening_balance": "1.5"},
        headers=user.headers,
    )
    assert too_precise.status_code == 400
    assert too_precise.json()["detail"]["code"] == "INVALID_AMOUNT"
    assert (await client.get("/accounts", headers=user.headers)).json() == []


async def test_signed_out_requests_are_refused(client):
    assert (await client.get("/accounts")).status_code == 401

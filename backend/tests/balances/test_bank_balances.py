"""A bank-connected account's balance is the bank's, after the first sync and later ones."""

from decimal import Decimal

from tests.banking.test_sync import sync
from tests.factories import all_transactions, connect_bank, signed_in_user


async def accounts_by_iban(client, user) -> dict[str, dict]:
    accounts = (await client.get("/accounts", headers=user.headers)).json()
    return {a["iban"]: a for a in accounts if a["iban"]}


async def test_connected_accounts_take_the_banks_balance_at_every_sync(
    app, client, fake_bank, settings
):
    bank = fake_bank.bank
    main, savings, euro = bank.customer.accounts
    bank.pay_by_card(main, Decimal("349.90"), "Knihkupectví Luxor", books_after_days=2)
    user = await signed_in_user(app, client, "balances@example.com")
    connection_id = await connect_bank(client, fake_bank, user)

    for days_later in (0, 10):
        if days_later:
            bank.advance(days=days_later)
            assert (await sync(client, user, connection_id))["status"] == "succeeded"
        accounts = await accounts_by_iban(client, user)
        for account in bank.customer.accounts:
            shown = accounts[account.iban]
            # What the bank makes available: booked entries and what pending payments hold.
            assert Decimal(shown["balance"]) == bank.balance(account, available=True)
            reconciliation = shown["reconciliation"]
            assert reconciliation["state"] == "matches", reconciliation
            assert reconciliation["source"] == "bank"
            assert reconciliation["checked_on"] == bank.today().isoformat()
            assert Decimal(reconciliation["stated"]) == bank.balance(account)
    # The monthly saving is one transfer: both sides linked, found from either side.
    accounts = await accounts_by_iban(client, user)
    saved = [
        t
        for t in await all_transactions(
            client, user.headers, account_id=accounts[savings.iban]["id"]
        )
        if t["description"] == "Spoření"
    ]
    moved = await all_transactions(client, user.headers, account_id=accounts[main.iban]["id"])
    out = {t["transfer_id"]: t for t in moved if t["description"] == "Spoření"}
    assert saved and all(t["transfer_id"] in out for t in saved)
    assert all(Decimal(out[t["transfer_id"]]["amount"]) == -Decimal(t["amount"]) for t in saved)
    # The demo customer is believable: money on every account, savings that grow.
    assert all(bank.balance(account) > 0 for account in (main, savings, euro))
    assert bank.balance(savings) > savings.opening_balance


async def test_another_persons_balances_stay_their_own(app, client, fake_bank, settings):
    owner = await signed_in_user(app, client, "owner@example.com")
    await connect_bank(client, fake_bank, owner)
    stranger = await signed_in_user(app, client, "stranger@example.com")
    account_id = next(iter((await accounts_by_iban(client, owner)).values()))["id"]
    response = await client.get(f"/accounts/{account_id}", headers=stranger.headers)
    assert response.status_code == 404
    assert (await client.get("/accounts", headers=stranger.headers)).json() == []

"""A statement of an account that a bank connection also fills: nothing comes in twice,
whichever arrives first."""

import pytest

from cashbook.banking.fake_bank.app import camt053_statement, statement_months
from cashbook.banking.fake_bank.state import FakeBankConfig
from cashbook.config import Settings
from tests.factories import all_transactions, connect_bank, create_account, signed_in_user
from tests.imports.helpers import imported


@pytest.fixture
def fake_bank_config() -> FakeBankConfig:
    return FakeBankConfig(purchases_per_day=0.6, history_days=100)


@pytest.fixture
def settings(bank_settings: Settings, database_url: str) -> Settings:
    return bank_settings


async def test_a_statement_after_a_sync_adds_nothing(app, client, fake_bank):
    user = await signed_in_user(app, client, "overlap@example.com")
    await connect_bank(client, fake_bank, user)
    bank = fake_bank.bank
    main = bank.customer.accounts[0]
    [connection] = (await client.get("/bank/connections", headers=user.headers)).json()
    account_id = next(a["account_id"] for a in connection["accounts"] if a["iban"] == main.iban)
    before = await all_transactions(client, user.headers, account_id=account_id)

    # The last full month, as the bank's statement download gives it (CAMT.053).
    month = statement_months(bank, main)[-1]
    statement = camt053_statement(bank, main, month).encode()
    result = await imported(client, user, account_id, statement)
    assert result["status"] == "succeeded", result
    assert result["total"] > 10
    assert (result["created"], result["duplicates"]) == (0, result["total"])
    assert len(await all_transactions(client, user.headers, account_id=account_id)) == len(before)


async def test_a_sync_after_a_statement_fills_the_same_account_without_copies(
    app, client, fake_bank
):
    bank = fake_bank.bank
    main = bank.customer.accounts[0]
    user = await signed_in_user(app, client, "first@example.com")
    # History first: an account of the person's own, filled from statements.
    account = await create_account(client, user, name="Spořitelna", iban=main.iban)
    months = statement_months(bank, main)[-2:]
    from_files = 0
    for month in months:
        result = await imported(
            client, user, account["id"], camt053_statement(bank, main, month).encode()
        )
        assert result["status"] == "succeeded", result
        from_files += result["created"]

    await connect_bank(client, fake_bank, user)
    [connection] = (await client.get("/bank/connections", headers=user.headers)).json()
    # The bank's account is the one the person made, not a copy of it.
    assert account["id"] in {a["account_id"] for a in connection["accounts"]}
    run = connection["last_sync"]
    assert run["status"] == "succeeded"
    everything = sum(len(bank.visible_entries(a)) for a in bank.customer.accounts)
    assert run["fetched"] == everything
    # What the statements brought is recognised (and brought up to the bank's view of it).
    assert run["created"] == everything - from_files > 0
    assert run["updated"] + run["skipped"] == from_files > 0
    stored = await all_transactions(client, user.headers, account_id=account["id"])
    assert len(stored) == len(bank.visible_entries(main))

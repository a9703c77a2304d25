"""Connect the fake bank and sync, through the API, over real HTTP to the bank."""

import json
import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import select

from cashbook.banking.fake_bank.state import FakeBankConfig
from cashbook.cron.service import cron_service
from cashbook.kit.db import session_scope
from cashbook.kit.encryption import keys_for
from cashbook.models import BankConnection, Transaction, TransactionOrigin
from cashbook.models.base import utcnow
from tests.factories import (
    all_transactions,
    connect_bank,
    mail_text,
    metric,
    read_mail,
    signed_in_user,
)


async def origins_of(client, user, items) -> dict[str, dict]:
    found = {}
    for item in items:
        response = await client.get(f"/transactions/{item['id']}/origin", headers=user.headers)
        assert response.status_code == 200, response.text
        found[item["id"]] = response.json()
    return found


def bank_key(origin: dict) -> str:
    """The bank's own id of the entry behind a stored transaction, from its raw payload."""
    raw = json.loads(origin["raw"])
    return raw.get("entryReference") or raw["reservationId"]


@pytest.mark.parametrize("fake_bank_config", [FakeBankConfig(purchases_per_day=0.4)])
async def test_connect_and_first_sync_bring_the_banks_transactions(
    app, client, fake_bank, settings
):
    bank = fake_bank.bank
    # Today's card payments, pending until booked.
    bank.pay_by_card(bank.customer.accounts[0], Decimal("89.00"), "Pekárna U Kočky", 1)
    bank.pay_by_card(bank.customer.accounts[0], Decimal("1540.50"), "Sportisimo", 3)
    user = await signed_in_user(app, client, "jana@example.com")
    synced = metric("cashbook_bank_syncs_total", provider="csas", outcome="success")
    created = metric("cashbook_bank_sync_transactions_created_total", provider="csas")
    connection_id = await connect_bank(client, fake_bank, user)
    assert metric("cashbook_bank_syncs_total", provider="csas", outcome="success") == synced + 1
    assert metric("cashbook_bank_sync_transactions_created_total", provider="csas") > created + 250

    [connection] = (await client.get("/bank/connections", headers=user.headers)).json()
    assert connection["id"] == connection_id
    assert connection["status"] == "active"
    assert connection["last_sync"]["status"] == "succeeded", connection["last_sync"]
    by_iban = {a["iban"]: a for a in connection["accounts"]}
    assert set(by_iban) == {account.iban for account in bank.customer.accounts}

    main = bank.customer.accounts[0]
    since = bank.today() - timedelta(days=settings.bank_history_days - 1)
    expected = {
        (e.entry_reference if not bank.is_pending(e) else e.reservation_id): e
        for e in bank.visible_entries(main)
        if bank.effective_date(e) >= since
    }
    account_id = by_iban[main.iban]["account_id"]
    stored = await all_transactions(client, user.headers, account_id=account_id)
    assert len(stored) == len(expected) > 250  # a year
    assert set(await stored_keys(app, account_id)) == set(expected)
    # Every field of a third of them, through the API (all of them take long on SQLite).
    sample = [
        item
        for number, item in enumerate(stored)
        if number % 3 == 0 or number < 20 or item["original_currency"]
    ]
    origins = await origins_of(client, user, sample)
    assert any(o["pending"] for o in origins.values())  # the last days' card payments
    assert any(o["variable_symbol"] for o in origins.values())
    for item in sample:
        origin = origins[item["id"]]
        entry = expected[bank_key(origin)]
        assert origin["pending"] == bank.is_pending(entry)
        # The sign from creditDebitIndicator; a pending payment abroad holds another amount.
        amount = (
            entry.pending_amount if origin["pending"] and entry.pending_amount else entry.amount
        )
        assert Decimal(item["amount"]) == amount
        assert item["currency"] == main.currency
        assert item["booked_on"] == bank.effective_date(entry).isoformat()
        assert item["value_on"] == entry.made_on.isoformat()
        assert item["counterparty_name"] == entry.counterparty_name
        assert item["counterparty_account"] == entry.counterparty_iban
        assert item["description"] == entry.message
        assert origin["variable_symbol"] == entry.variable_symbol
        assert origin["constant_symbol"] == (
            entry.constant_symbol.lstrip("0") if entry.constant_symbol else None
        )
        assert origin["source"] == "bank" and origin["connection_id"] == connection_id
        if entry.instructed:
            assert Decimal(item["original_amount"]) == -entry.instructed[0]
            assert item["original_currency"] == entry.instructed[1]
            assert Decimal(origin["exchange_rate"]) == entry.instructed[2]
    kinds = Counter(expected[bank_key(origin)].kind for origin in origins.values())
    assert kinds["card"] and kinds["standing-order"] and kinds["transfer-in"]
    assert any(item["original_currency"] for item in sample)


async def sync(client, user, connection_id: str) -> dict:
    """Ask for a sync (inline jobs: it has run when the answer comes) and return its run."""
    response = await client.post(f"/bank/connections/{connection_id}/sync", headers=user.headers)
    assert response.status_code == 202, response.text
    runs = await client.get(f"/bank/connections/{connection_id}/runs", headers=user.headers)
    [run] = [r for r in runs.json() if r["id"] == response.json()["id"]]
    return run


async def stored_keys(app, account_id: str) -> Counter:
    """The bank's ids of an account's stored transactions, read from the database (the API
    shows the same through /transactions/{id}/origin, one at a time)."""
    keys = keys_for(app.state.settings)
    async with session_scope(app.state.sessionmaker) as session:
        rows = await session.execute(
            select(TransactionOrigin)
            .join(Transaction, Transaction.id == TransactionOrigin.id)
            .where(Transaction.account_id == uuid.UUID(account_id))
        )
        origins = rows.scalars().all()
    return Counter(
        bank_key(
            {
                "raw": keys.cipher.decrypt(
                    o.raw, TransactionOrigin.field_context("raw", o.id, o.user_id)
                )
            }
        )
        for o in origins
    )


async def main_account_id(client, user, fake_bank) -> str:
    [connection] = (await client.get("/bank/connections", headers=user.headers)).json()
    main = fake_bank.bank.customer.accounts[0]
    return next(a["account_id"] for a in connection["accounts"] if a["iban"] == main.iban)


async def test_syncing_again_and_overlapping_windows_create_no_duplicates(
    app, client, fake_bank, settings
):
    bank = fake_bank.bank
    main = bank.customer.accounts[0]
    bank.pay_by_card(main, Decimal("349.90"), "Knihkupectví Luxor", books_after_days=2)
    user = await signed_in_user(app, client, "again@example.com")
    connection_id = await connect_bank(client, fake_bank, user)
    account_id = await main_account_id(client, user, fake_bank)
    first = await stored_keys(app, account_id)
    pending_before = sum(
        1 for e in bank.visible_entries(bank.customer.accounts[0]) if bank.is_pending(e)
    )

    again = await sync(client, user, connection_id)
    assert again["status"] == "succeeded"
    assert again["created"] == again["updated"] == again["removed"] == 0
    assert again["skipped"] == again["fetched"] > 0
    assert await stored_keys(app, account_id) == first

    # Four days later: new payments, and the pending ones have been booked.
    bank.advance(days=4)
    requests_before = len(fake_bank.transaction_requests())
    later = await sync(client, user, connection_id)
    assert later["status"] == "succeeded", later
    assert later["created"] > 0
    assert later["updated"] >= pending_before > 0  # each pending payment became its booking
    window = {r["params"]["fromDate"] for r in fake_bank.transaction_requests()[requests_before:]}
    [connection] = (await client.get("/bank/connections", headers=user.headers)).json()
    last_booked = max(date.fromisoformat(a["last_booked_on"]) for a in connection["accounts"])
    # The window reaches back past the last booked day (the overlap, or a pending payment).
    assert (
        min(window)
        <= (last_booked - timedelta(days=4 + settings.bank_sync_overlap_days)).isoformat()
    )

    since = bank.today() - timedelta(days=settings.bank_history_days + 4 - 1)
    expected = Counter(
        e.entry_reference if not bank.is_pending(e) else e.reservation_id
        for e in bank.visible_entries(main)
        if bank.effective_date(e) >= since
    )
    stored = await stored_keys(app, account_id)
    assert max(stored.values()) == 1  # nothing twice
    # Everything the bank lists now is stored once; only what left the window is extra.
    assert set(expected) <= set(stored)
    assert all(key in expected or key in first for key in stored)
    assert (await sync(client, user, connection_id))["created"] == 0
    assert await stored_keys(app, account_id) == stored


@pytest.mark.parametrize("fake_bank_config", [FakeBankConfig(purchases_per_day=15)])
async def test_a_month_comes_in_three_pages_of_200(app, client, fake_bank, settings):
    settings.bank_history_days = 31  # one fromDate/toDate window
    bank = fake_bank.bank
    main = bank.customer.accounts[0]
    since = bank.today() - timedelta(days=30)
    in_window = [e for e in bank.visible_entries(main) if bank.effective_date(e) >= since]
    assert 400 < len(in_window) <= 600, "the customer should fill exactly three pages"

    user = await signed_in_user(app, client, "pages@example.com")
    await connect_bank(client, fake_bank, user)
    account_id = await main_account_id(client, user, fake_bank)
    pages = [
        r["params"]
        for r in fake_bank.transaction_requests()
        if r["path"].split("/")[-2] == bank.account_id(main)
    ]
    assert [(p["page"], p["size"]) for p in pages] == [("0", "200"), ("1", "200"), ("2", "200")]
    # The one window reads "till present": no toDate the bank could see as a future date.
    assert {(p["fromDate"], p.get("toDate")) for p in pages} == {(since.isoformat(), None)}
    stored = await all_transactions(client, user.headers, account_id=account_id)
    assert len(stored) == len(in_window)


async def test_an_expired_access_token_is_refreshed_and_the_rotated_token_stored(
    app, client, fake_bank
):
    user = await signed_in_user(app, client, "refresh@example.com")
    connection_id = await connect_bank(client, fake_bank, user)
    bank = fake_bank.bank
    first_refresh = {token for token, r in bank.refresh_tokens.items() if r.active}

    bank.advance(seconds=bank.config.access_token_seconds + 5)  # the access token expired
    run = await sync(client, user, connection_id)
    assert run["status"] == "succeeded", run
    active = {token for token, r in bank.refresh_tokens.items() if r.active}
    assert len(active) == 1 and not active & first_refresh  # rotated, and the new one kept

    # The bank refuses a still-unexpired access token: refreshed once and retried.
    bank.expire_access_tokens()
    run = await sync(client, user, connection_id)
    assert run["status"] == "succeeded", run
    newest = {token for token, r in bank.refresh_tokens.items() if r.active}
    assert len(newest) == 1 and newest != active
    grants = [r for r in bank.requests if r["path"].endswith("/my/accounts")]
    assert len(grants) >= 3


async def test_a_revoked_consent_asks_for_reauthorisation_once(app, client, fake_bank, settings):
    user = await signed_in_user(app, client, "revoked@example.com")
    connection_id = await connect_bank(client, fake_bank, user)
    stored = len(await all_transactions(client, user.headers))
    fake_bank.bank.revoke_consent()  # the customer withdrew it in their internet banking
    fake_bank.bank.expire_access_tokens()

    failed = metric("cashbook_bank_syncs_total", provider="csas", outcome="failure")
    run = await sync(client, user, connection_id)
    assert run["status"] == "reauth_required"
    assert metric("cashbook_bank_syncs_total", provider="csas", outcome="failure") == failed + 1
    assert run["error_code"] == "invalid_grant"
    [connection] = (await client.get("/bank/connections", headers=user.headers)).json()
    assert connection["status"] == "reauth_required"
    assert connection["next_sync_at"] is None
    assert connection["last_error"]["code"] == "invalid_grant"
    async with session_scope(app.state.sessionmaker) as session:
        row = await session.get(BankConnection, uuid.UUID(connection_id))
        assert row.access_token is None and row.refresh_token is None  # nothing useless kept

    again = await client.post(f"/bank/connections/{connection_id}/sync", headers=user.headers)
    assert again.status_code == 409
    assert again.json()["detail"]["code"] == "BANK_REAUTH_REQUIRED"
    settings.cron_token = SecretStr("cron-token-for-tests")
    cron = await client.post(
        "/internal/cron/bank-sync", headers={"Authorization": "Bearer cron-token-for-tests"}
    )
    assert cron.status_code == 202
    runs = (
        await client.get(f"/bank/connections/{connection_id}/runs", headers=user.headers)
    ).json()
    assert [r["trigger"] for r in runs] == ["manual", "connect"]  # no retry storm

    mail = [m for m in read_mail(settings.data_dir) if "Reconnect" in m["Subject"]]
    assert len(mail) == 1 and mail[0]["To"] == user.email
    assert f"reconnect={connection_id}" in mail_text(mail[0])
    assert len(await all_transactions(client, user.headers)) == stored  # transactions stay

    # Authorising again brings the connection back.
    started = await client.post(
        f"/bank/connections/{connection_id}/reauthorize", headers=user.headers
    )
    assert started.status_code == 201
    back = httpx.URL(fake_bank.approve(started.json()["authorization_url"]))
    landed = await client.get(f"{back.path}?{back.query.decode()}")
    assert "bank=connected" in landed.headers["location"]
    [connection] = (await client.get("/bank/connections", headers=user.headers)).json()
    assert connection["status"] == "active"
    assert connection["last_sync"]["status"] == "succeeded"
    assert len(await all_transactions(client, user.headers)) >= stored


async def test_a_bank_that_does_not_answer_is_recorded_without_an_email(
    app, client, fake_bank, settings
):
    user = await signed_in_user(app, client, "busy@example.com")
    connection_id = await connect_bank(client, fake_bank, user)
    fake_bank.bank.fail_next(503, "SERVICE_UNAVAILABLE", times=3)

    run = await sync(client, user, connection_id)
    # In-process jobs are not retried; a worker retries with backoff (test_real_worker).
    assert run["status"] == "failed"
    assert run["error_code"] == "SERVICE_UNAVAILABLE"
    [connection] = (await client.get("/bank/connections", headers=user.headers)).json()
    assert connection["status"] == "active"
    assert connection["last_error"]["code"] == "SERVICE_UNAVAILABLE"
    assert not [m for m in read_mail(settings.data_dir) if "Reconnect" in m["Subject"]]
    fake_bank.bank.faults.clear()
    assert (await sync(client, user, connection_id))["status"] == "succeeded"


async def test_account_ids_that_changed_are_looked_up_again_by_iban(app, client, fake_bank):
    user = await signed_in_user(app, client, "ids@example.com")
    connection_id = await connect_bank(client, fake_bank, user)
    bank = fake_bank.bank
    main = bank.customer.accounts[0]
    old_id = bank.account_id(main)
    bank.advance(days=2)
    assert bank.account_id(main) != old_id
    # The id goes stale between listing the accounts and reading the transactions.
    bank.fail_next(404, "ID_NOT_FOUND", path="/transactions")
    run = await sync(client, user, connection_id)
    assert run["status"] == "succeeded", run
    [connection] = (await client.get("/bank/connections", headers=user.headers)).json()
    assert len(connection["accounts"]) == len(bank.customer.accounts)  # no account twice


async def test_a_cancelled_card_payment_disappears(app, client, fake_bank):
    bank = fake_bank.bank
    kept = bank.pay_by_card(bank.customer.accounts[0], Decimal(120), "Trafika", 3)
    dropped = bank.pay_by_card(bank.customer.accounts[0], Decimal(1999), "Hotel Zlatá Hvězda", 3)
    user = await signed_in_user(app, client, "cancel@example.com")
    connection_id = await connect_bank(client, fake_bank, user)
    account_id = await main_account_id(client, user, fake_bank)
    assert {kept.reservation_id, dropped.reservation_id} <= set(await stored_keys(app, account_id))
    bank.customer.entries.remove(dropped)  # the hotel released the reservation

    run = await sync(client, user, connection_id)
    assert run["removed"] == 1
    stored = await stored_keys(app, account_id)
    assert dropped.reservation_id not in stored and kept.reservation_id in stored


async def test_deleting_a_connection_revokes_it_and_keeps_the_transactions(app, client, fake_bank):
    user = await signed_in_user(app, client, "leave@example.com")
    connection_id = await connect_bank(client, fake_bank, user)
    before = await all_transactions(client, user.headers)

    assert (
        await client.delete(f"/bank/connections/{connection_id}", headers=user.headers)
    ).status_code == 204
    assert all(consent.revoked for consent in fake_bank.bank.consents.values())
    assert (await client.get("/bank/connections", headers=user.headers)).json() == []
    after = await all_transactions(client, user.headers)
    assert sorted(t["id"] for t in after) == sorted(t["id"] for t in before)
    origin = (
        await client.get(f"/transactions/{after[0]['id']}/origin", headers=user.headers)
    ).json()
    assert origin["connection_id"] is None and origin["source"] == "bank"
    accounts = (await client.get("/accounts", headers=user.headers)).json()
    assert len(accounts) == len(fake_bank.bank.customer.accounts)


async def test_the_scheduled_sync_runs_connections_that_are_due(app, client, fake_bank, settings):
    user = await signed_in_user(app, client, "cron@example.com")
    connection_id = await connect_bank(client, fake_bank, user)
    settings.cron_token = SecretStr("cron-token-for-tests")
    cron = {"Authorization": "Bearer cron-token-for-tests"}

    # Not due yet: the first sync just ran.
    assert (await client.post("/internal/cron/bank-sync", headers=cron)).status_code == 202
    runs = (
        await client.get(f"/bank/connections/{connection_id}/runs", headers=user.headers)
    ).json()
    assert [r["trigger"] for r in runs] == ["connect"]

    async with session_scope(app.state.sessionmaker) as session:
        row = await session.get(BankConnection, uuid.UUID(connection_id))
        row.next_sync_at = utcnow() - timedelta(minutes=1)
    fake_bank.bank.advance(minutes=20)  # the next 15-minute slot
    async with session_scope(app.state.sessionmaker) as session:
        await cron_service.trigger(session, "bank-sync", utcnow() + timedelta(minutes=20))
    runs = (
        await client.get(f"/bank/connections/{connection_id}/runs", headers=user.headers)
    ).json()
    assert [(r["trigger"], r["status"]) for r in runs][0] == ("schedule", "succeeded")
    [connection] = (await client.get("/bank/connections", headers=user.headers)).json()
    next_sync = datetime.fromisoformat(connection["next_sync_at"])
    assert next_sync - utcnow() > timedelta(seconds=settings.bank_sync_interval_seconds - 60)


async def test_the_providers_say_what_can_be_connected(app, client):
    user = await signed_in_user(app, client, "providers@example.com")
    response = await client.get("/bank/providers", headers=user.headers)
    assert response.json() == [
        {"name": "csas", "display_name": "Česká spořitelna", "available": True, "demo": False}
    ]
    assert (await client.get("/bank/providers")).status_code == 401

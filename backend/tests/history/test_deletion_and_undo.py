"""Deleting is reversible: a deleted transaction leaves every list, report and balance, can be
restored for 30 days and is purged by a scheduled job after that (which its history records).
A batch (a bulk action, an import) is undone as one new batch, leaving alone what was changed
again since."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from cashbook.cron.admin import run_job_now
from cashbook.kit.db import session_scope
from cashbook.kit.encryption import keys_for
from cashbook.ledger.records import StatementRecord
from cashbook.ledger.service import ledger_service
from cashbook.models import Account, Transaction, TransactionVersion
from cashbook.models.base import utcnow
from cashbook.models.transaction import INCLUDE_DELETED, TransactionSource
from tests.factories import (
    TestUser,
    all_transactions,
    api_create,
    create_account,
    create_transaction,
    create_user,
    signed_in_user,
    token_headers,
)
from tests.history.test_history import changed, history, ids_by_booking


async def person(app) -> TestUser:
    user = await create_user(app, f"p-{uuid.uuid4().hex[:8]}@example.com")
    return TestUser(str(user.id), user.email, "", await token_headers(app, user))


async def deleted_days_ago(app, row_id: str, days: int) -> None:
    """Move a deletion back in time (the clock cannot be)."""
    async with session_scope(app.state.sessionmaker) as session:
        await session.execute(
            update(Transaction)
            .where(Transaction.id == uuid.UUID(row_id))
            .values(deleted_at=utcnow() - timedelta(days=days))
        )


@hypothesis_settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(st.integers(-50_000, 50_000).filter(bool), st.integers(0, 27), st.booleans()),
        min_size=1,
        max_size=8,
    )
)
async def test_deleted_transactions_leave_lists_reports_and_balances(app, client, rows):
    user = await person(app)
    account = await create_account(client, user)
    made = []
    for amount, day, delete in rows:
        booked = str(date(2026, 2, 1) + timedelta(days=day))
        body = {"booked_on": booked}
        created = await create_transaction(
            client, user, account, str(Decimal(amount) / 100), **body
        )
        made.append((created["id"], amount, delete))
    gone = [row_id for row_id, _, delete in made if delete]
    if gone:
        response = await client.post(
            "/transactions/bulk", json={"ids": gone, "action": "delete"}, headers=user.headers
        )
        assert response.status_code == 200, response.text
    kept = [(row_id, amount) for row_id, amount, delete in made if not delete]
    # An independent computation over what was kept.
    income = sum(amount for _, amount in kept if amount > 0)
    expense = sum(amount for _, amount in kept if amount < 0)

    listed = await all_transactions(client, user.headers)
    assert sorted(item["id"] for item in listed) == sorted(row_id for row_id, _ in kept)
    read = await client.get(f"/accounts/{account['id']}", headers=user.headers)
    assert Decimal(read.json()["balance"]) * 100 == income + expense
    params = {"date_from": "2026-02-01", "date_to": "2026-02-28", "currency": "CZK"}
    summary = (await client.get("/reports/summary", params=params, headers=user.headers)).json()
    totals = summary["totals"]
    if kept:
        (line,) = totals
        assert (Decimal(line["income"]) * 100, Decimal(line["expense"]) * 100) == (income, expense)
    else:
        assert totals == []
    for row_id in gone:
        found = await client.get(f"/transactions/{row_id}", headers=user.headers)
        assert found.status_code == 404


async def test_restore_within_thirty_days_and_not_after(app, client):
    owner = await signed_in_user(app, client, "owner@example.com")
    other = await signed_in_user(app, client, "other@example.com")
    account = await create_account(client, owner)
    tag = await api_create(client, owner, "/tags", {"name": "t"})
    row = (await create_transaction(client, owner, account, "-5", tag_ids=[tag["id"]]))["id"]
    old = (await create_transaction(client, owner, account, "-6"))["id"]
    for row_id in (row, old):
        response = await client.delete(f"/transactions/{row_id}", headers=owner.headers)
        assert response.status_code == 204
    await deleted_days_ago(app, old, 31)

    deleted = (await client.get("/transactions/deleted", headers=owner.headers)).json()
    assert [item["id"] for item in deleted] == [row]  # the old one is past restoring
    assert deleted[0]["tag_ids"] == [tag["id"]]
    assert (await client.get("/transactions/deleted", headers=other.headers)).json() == []

    not_theirs = await client.post(f"/transactions/{row}/restore", headers=other.headers)
    assert not_theirs.status_code == 404
    restored = await client.post(f"/transactions/{row}/restore", headers=owner.headers)
    assert restored.status_code == 200, restored.text
    assert restored.json()["tag_ids"] == [tag["id"]]
    again = await client.post(f"/transactions/{row}/restore", headers=owner.headers)
    assert again.json()["detail"]["code"] == "TRANSACTION_NOT_DELETED"
    late = await client.post(f"/transactions/{old}/restore", headers=owner.headers)
    assert (late.status_code, late.json()["detail"]["code"]) == (409, "RESTORE_WINDOW_PASSED")

    versions = await history(client, owner, row)
    assert [v["kind"] for v in versions] == ["create", "delete", "restore"]
    deleted_at = changed(versions[1])["deleted_at"][1]
    assert changed(versions[2]) == {"deleted_at": (deleted_at, None)}
    assert [item["id"] for item in await all_transactions(client, owner.headers)] == [row]


async def test_the_purge_job_removes_what_was_deleted_thirty_days_ago_and_says_so(
    app, client, settings
):
    user = await person(app)
    account = await create_account(client, user)
    ids = [(await create_transaction(client, user, account, f"-{n}"))["id"] for n in (1, 2, 3)]
    for row_id in ids[:2]:
        await client.delete(f"/transactions/{row_id}", headers=user.headers)
    await deleted_days_ago(app, ids[0], 31)

    assert await run_job_now(settings, "transactions-purge", lambda *p: None) == (
        "purged 1 transaction(s)"
    )
    async with session_scope(app.state.sessionmaker) as session:
        stored = (
            await session.execute(
                select(Transaction.id).execution_options(**{INCLUDE_DELETED: True})
            )
        ).scalars()
        assert sorted(map(str, stored)) == sorted(ids[1:])
        kinds = (
            await session.execute(
                select(TransactionVersion.kind, TransactionVersion.actor)
                .where(TransactionVersion.transaction_id == uuid.UUID(ids[0]))
                .order_by(TransactionVersion.version)
            )
        ).all()
    assert [tuple(k) for k in kinds] == [
        ("create", "person"),
        ("delete", "person"),
        ("purge", "system"),
    ]
    assert await run_job_now(settings, "transactions-purge", lambda *p: None) == (
        "purged 0 transaction(s)"
    )


async def test_undo_a_bulk_categorisation_skips_what_was_edited_since(app, client):
    user = await person(app)
    account = await create_account(client, user)
    food = await api_create(client, user, "/categories", {"name": "Food"})
    fun = await api_create(client, user, "/categories", {"name": "Fun"})
    ids = [
        (await create_transaction(client, user, account, f"-{n}", category_id=food["id"]))["id"]
        for n in range(1, 5)
    ]
    bulk = await client.post(
        "/transactions/bulk",
        json={"ids": ids, "action": "set_category", "category_id": fun["id"]},
        headers=user.headers,
    )
    batch = bulk.json()["batch_id"]
    # Later, by hand: the person changes one of them again.
    await client.patch(f"/transactions/{ids[0]}", json={"note": "mine"}, headers=user.headers)

    other = await person(app)
    assert (
        await client.post(f"/transaction-batches/{batch}/undo", headers=other.headers)
    ).status_code == 404
    undone = await client.post(f"/transaction-batches/{batch}/undo", headers=user.headers)
    assert undone.status_code == 200, undone.text
    body = undone.json()
    assert (body["undone"], body["skipped"]) == (3, [ids[0]])
    categories = {
        item["id"]: item["category_id"] for item in await all_transactions(client, user.headers)
    }
    assert categories == {ids[0]: fun["id"], **{row: food["id"] for row in ids[1:]}}
    last = (await history(client, user, ids[1]))[-1]
    assert (last["kind"], last["batch_id"]) == ("undo", body["batch_id"])
    assert changed(last) == {"category_id": (fun["id"], food["id"])}


async def test_undo_a_bulk_delete_and_an_edit_of_texts_and_tags(app, client):
    user = await person(app)
    account = await create_account(client, user)
    tag = await api_create(client, user, "/tags", {"name": "t"})
    row = (
        await create_transaction(
            client, user, account, "-7", description="Old shop", tag_ids=[tag["id"]]
        )
    )["id"]
    before = (await client.get(f"/transactions/{row}", headers=user.headers)).json()
    await client.patch(
        f"/transactions/{row}",
        json={"description": "New shop", "amount": "-9", "tag_ids": [], "booked_on": "2026-01-02"},
        headers=user.headers,
    )
    edit_batch = (await history(client, user, row))[-1]["batch_id"]
    undone = await client.post(f"/transaction-batches/{edit_batch}/undo", headers=user.headers)
    assert undone.json()["undone"] == 1
    after = (await client.get(f"/transactions/{row}", headers=user.headers)).json()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    found = await client.get("/transactions", params={"q": "old"}, headers=user.headers)
    assert [item["id"] for item in found.json()["items"]] == [row]  # search follows

    deleted = await client.post(
        "/transactions/bulk", json={"ids": [row], "action": "delete"}, headers=user.headers
    )
    undone = await client.post(
        f"/transaction-batches/{deleted.json()['batch_id']}/undo", headers=user.headers
    )
    assert undone.json()["undone"] == 1
    assert [item["id"] for item in await all_transactions(client, user.headers)] == [row]


async def test_undo_an_import(app, client):
    user = await create_user(app, "importer@example.com")
    keys = keys_for(app.state.settings)
    async with session_scope(app.state.sessionmaker) as session:
        account = Account(user_id=user.id, name="Main", currency="CZK")
        session.add(account)
    records = [
        StatementRecord(
            booked_on=date(2026, 1, n), amount=Decimal(-n), currency="CZK", external_id=f"e{n}"
        )
        for n in (1, 2, 3)
    ]
    async with session_scope(app.state.sessionmaker) as session:
        await ledger_service.ingest(
            session, keys, account, records, source=TransactionSource.import_
        )
    person_ = TestUser(str(user.id), user.email, "", await token_headers(app, user))
    ids = await ids_by_booking(app, account.id)
    batch = (await history(client, person_, ids[0]))[0]["batch_id"]
    await client.patch(f"/transactions/{ids[2]}", json={"note": "kept"}, headers=person_.headers)
    undone = (
        await client.post(f"/transaction-batches/{batch}/undo", headers=person_.headers)
    ).json()
    assert (undone["undone"], undone["skipped"]) == (2, [ids[2]])
    listed = await all_transactions(client, person_.headers)
    assert [item["id"] for item in listed] == [ids[2]]
    # Undone creations are deletions: restorable like any other.
    deleted = (await client.get("/transactions/deleted", headers=person_.headers)).json()
    assert sorted(item["id"] for item in deleted) == sorted(ids[:2])
    # A second import of the same statement does not bring them back as new rows.
    async with session_scope(app.state.sessionmaker) as session:
        again = await ledger_service.ingest(
            session, keys, account, records, source=TransactionSource.import_
        )
    assert (again.created, again.skipped) == (0, 3)
    assert (
        await client.post(f"/transaction-batches/{uuid.uuid4()}/undo", headers=person_.headers)
    ).json()["detail"]["code"] == "BATCH_NOT_FOUND"

"""The history of transactions: every change appends a version (what changed, old and new, who
and in which batch) in the write path itself; replaying a transaction's versions gives back the
transaction; texts stay encrypted in the history; someone else's history is a 404."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import select

from cashbook.kit.db import session_scope
from cashbook.kit.encryption import DecryptionFailed, keys_for
from cashbook.ledger.records import StatementRecord
from cashbook.ledger.service import ledger_service
from cashbook.models import Account, Transaction, TransactionVersion
from cashbook.models.transaction import TransactionSource
from tests.factories import (
    TestUser,
    api_create,
    create_account,
    create_transaction,
    create_user,
    signed_in_user,
    token_headers,
)


async def history(client, user, transaction_id: str, **params) -> list[dict]:
    """Every version, following the pages."""
    versions: list[dict] = []
    after = 0
    while True:
        response = await client.get(
            f"/transactions/{transaction_id}/history",
            params={"after": after, **params},
            headers=user.headers,
        )
        assert response.status_code == 200, response.text
        page = response.json()
        versions += page["items"]
        if page["next_after"] is None:
            return versions
        after = page["next_after"]


async def ids_by_booking(app, account_id: uuid.UUID) -> list[str]:
    """The account's transactions, the earliest booked first (an ingest returns no ids)."""
    async with session_scope(app.state.sessionmaker) as session:
        statement = (
            select(Transaction.id)
            .where(Transaction.account_id == account_id)
            .order_by(Transaction.booked_on)
        )
        return [str(row_id) for row_id in (await session.execute(statement)).scalars()]


def changed(version: dict) -> dict:
    return {change["field"]: (change["old"], change["new"]) for change in version["changes"]}


async def stored_versions(app, transaction_id) -> list[TransactionVersion]:
    async with session_scope(app.state.sessionmaker) as session:
        statement = (
            select(TransactionVersion)
            .where(TransactionVersion.transaction_id == uuid.UUID(str(transaction_id)))
            .order_by(TransactionVersion.version)
        )
        return list((await session.execute(statement)).scalars())


async def test_each_kind_of_change_appends_a_version_with_old_and_new(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    account = await create_account(client, user)
    savings = await create_account(client, user, name="Savings")
    food = await api_create(client, user, "/categories", {"name": "Food"})
    fun = await api_create(client, user, "/categories", {"name": "Fun"})
    tag = await api_create(client, user, "/tags", {"name": "weekly"})
    created = await create_transaction(
        client, user, account, "-120.50", description="Žabka", category_id=food["id"]
    )
    row = created["id"]

    async def patch(body: dict) -> None:
        response = await client.patch(f"/transactions/{row}", json=body, headers=user.headers)
        assert response.status_code == 200, response.text

    async def bulk(body: dict) -> dict:
        response = await client.post("/transactions/bulk", json=body, headers=user.headers)
        assert response.status_code == 200, response.text
        return response.json()

    await patch({"amount": "-130", "description": "Albert"})
    await patch({"category_id": fun["id"]})
    await patch({"tag_ids": [tag["id"]]})
    await patch({"note": "milk"})
    await patch({"note": "milk"})  # changes nothing: no version
    categorised = await bulk({"ids": [row], "action": "set_category", "category_id": food["id"]})
    untagged = await bulk({"ids": [row], "action": "remove_tags", "tag_ids": [tag["id"]]})
    other = await create_transaction(client, user, savings, "130")
    linked = await client.post(
        "/transfers", json={"transaction_ids": [row, other["id"]]}, headers=user.headers
    )
    assert linked.status_code == 201, linked.text

    versions = await history(client, user, row, limit=2)  # pages of two
    assert [v["version"] for v in versions] == list(range(1, 9))
    assert [v["kind"] for v in versions] == [
        "create",
        "edit",
        "categorise",
        "tag",
        "edit",
        "categorise",
        "tag",
        "transfer",
    ]
    assert {v["actor"] for v in versions} == {"person"}
    assert {v["actor_id"] for v in versions} == {user.id}
    first = changed(versions[0])
    assert first["amount"] == (None, -12050)
    assert first["description"] == (None, "Žabka")
    assert first["category_id"] == (None, food["id"])
    assert first["booked_on"] == (None, "2026-03-14")
    assert "note" not in first and "tag_ids" not in first  # empty fields are not stored
    assert changed(versions[1]) == {"amount": (-12050, -13000), "description": ("Žabka", "Albert")}
    assert changed(versions[2]) == {"category_id": (food["id"], fun["id"])}
    assert changed(versions[3]) == {"tag_ids": (None, [tag["id"]])}
    assert changed(versions[4]) == {"note": (None, "milk")}
    assert changed(versions[5]) == {"category_id": (fun["id"], food["id"])}
    assert versions[5]["batch_id"] == categorised["batch_id"]
    assert changed(versions[6]) == {"tag_ids": ([tag["id"]], None)}
    assert versions[6]["batch_id"] == untagged["batch_id"]
    assert changed(versions[7]) == {"transfer_id": (None, linked.json()["id"])}
    assert len({v["batch_id"] for v in versions}) == len(versions)  # one batch per action

    assert (await client.delete(f"/transactions/{row}", headers=user.headers)).status_code == 204
    stored = await stored_versions(app, row)
    assert [(v.version, v.kind) for v in stored][-1] == (9, "delete")


async def test_a_bulk_action_is_one_batch_and_only_changed_rows_get_versions(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    account = await create_account(client, user)
    food = await api_create(client, user, "/categories", {"name": "Food"})
    ids = [(await create_transaction(client, user, account, f"-{n}"))["id"] for n in range(1, 5)]
    await client.patch(
        f"/transactions/{ids[0]}", json={"category_id": food["id"]}, headers=user.headers
    )
    response = await client.post(
        "/transactions/bulk",
        json={"ids": ids, "action": "set_category", "category_id": food["id"]},
        headers=user.headers,
    )
    batch = response.json()["batch_id"]
    in_batch = [
        v for row in ids for v in await history(client, user, row) if v["batch_id"] == batch
    ]
    assert len(in_batch) == 3  # the first was in this category already
    assert {v["kind"] for v in in_batch} == {"categorise"}

    deleted = await client.post(
        "/transactions/bulk", json={"ids": ids, "action": "delete"}, headers=user.headers
    )
    batch = uuid.UUID(deleted.json()["batch_id"])
    async with session_scope(app.state.sessionmaker) as session:
        kinds = (
            await session.execute(
                select(TransactionVersion.kind).where(TransactionVersion.batch_id == batch)
            )
        ).scalars()
        assert sorted(kinds) == ["delete"] * 4


async def test_someone_elses_history_is_a_404(app, client):
    owner = await signed_in_user(app, client, "owner@example.com")
    other = await signed_in_user(app, client, "other@example.com")
    account = await create_account(client, owner)
    row = (await create_transaction(client, owner, account, "-1"))["id"]
    for user, status in ((other, 404), (owner, 200)):
        response = await client.get(f"/transactions/{row}/history", headers=user.headers)
        assert response.status_code == status
    missing = await client.get(f"/transactions/{uuid.uuid4()}/history", headers=owner.headers)
    assert missing.json()["detail"]["code"] == "TRANSACTION_NOT_FOUND"
    assert (
        await client.get(
            f"/transactions/{row}/history", params={"limit": 101}, headers=owner.headers
        )
    ).status_code == 422


async def test_texts_are_encrypted_in_the_history_table(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    account = await create_account(client, user)
    canary = "canary-Kuchařová-7731"
    row = (await create_transaction(client, user, account, "-1", description=canary))["id"]
    await client.patch(
        f"/transactions/{row}",
        json={"note": canary + " note", "counterparty_name": canary},
        headers=user.headers,
    )
    versions = await stored_versions(app, row)
    assert len(versions) == 2
    for version in versions:
        assert canary not in version.changes
        assert canary.encode() not in version.sealed
        assert b"Kucha" not in version.sealed
    # Sealed under this version's row: moved to another row, it no longer opens.
    keys = keys_for(app.state.settings)
    first, second = versions
    wrong = TransactionVersion.field_context("sealed", second.id, second.user_id)
    with pytest.raises(DecryptionFailed):
        keys.cipher.decrypt(first.sealed, wrong)


async def test_an_administrator_acting_as_the_person_is_recorded_as_the_actor(app, client):
    admin = await signed_in_user(app, client, "root@example.com", superuser=True)
    person = await signed_in_user(app, client, "jana@example.com")
    account = await create_account(client, person)
    row = (await create_transaction(client, person, account, "-1"))["id"]
    started = await client.post(
        f"/admin/users/{person.id}/impersonate",
        json={"reason": "Ticket 7: a wrong amount"},
        headers=admin.headers,
    )
    acting = TestUser(
        person.id, person.email, "", {"Authorization": f"Bearer {started.json()['access_token']}"}
    )
    response = await client.patch(
        f"/transactions/{row}", json={"amount": "-2"}, headers=acting.headers
    )
    assert response.status_code == 200, response.text
    versions = await history(client, person, row)
    assert [(v["actor"], v["actor_id"]) for v in versions] == [
        ("person", person.id),
        ("admin", admin.id),
    ]


def record(number: int, amount: int, description: str) -> StatementRecord:
    return StatementRecord(
        booked_on=date(2026, 1, 1) + timedelta(days=number),
        amount=Decimal(amount) / 100,
        currency="CZK",
        external_id=f"entry-{number}",
        description=description,
    )


async def test_imports_and_bank_syncs_record_their_rows_and_amendments(app, client):
    user = await create_user(app, "ledger@example.com")
    keys = keys_for(app.state.settings)
    async with session_scope(app.state.sessionmaker) as session:
        account = Account(user_id=user.id, name="Main", currency="CZK")
        session.add(account)
    async with session_scope(app.state.sessionmaker) as session:
        await ledger_service.ingest(
            session,
            keys,
            account,
            [record(1, -100, "one"), record(2, -200, "two")],
            source=TransactionSource.import_,
        )
    async with session_scope(app.state.sessionmaker) as session:
        # The bank says something else about the second now, and nothing new of the first.
        await ledger_service.ingest(
            session,
            keys,
            account,
            [record(1, -100, "one"), record(2, -250, "two, corrected")],
            source=TransactionSource.bank,
            update_existing=True,
        )
    headers = await token_headers(app, user)
    person = TestUser(str(user.id), user.email, "", headers)
    one, two = await ids_by_booking(app, account.id)
    assert [v["kind"] for v in await history(client, person, one)] == ["create"]
    versions = await history(client, person, two)
    assert [(v["kind"], v["actor"]) for v in versions] == [("create", "import"), ("update", "bank")]
    assert changed(versions[1]) == {
        "amount": (-200, -250),
        "description": ("two", "two, corrected"),
    }
    assert versions[0]["batch_id"] == (await history(client, person, one))[0]["batch_id"]
    assert versions[1]["actor_id"] is None  # the bank connection, none in this test


TEXT = st.one_of(st.none(), st.text(min_size=1, max_size=20).filter(str.strip))
EDITS = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {},
            optional={
                "amount": st.integers(-(10**6), 10**6).map(lambda n: str(Decimal(n) / 100)),
                "booked_on": st.dates(date(2020, 1, 1), date(2030, 12, 31)).map(str),
                "description": TEXT,
                "note": TEXT,
                "counterparty_name": TEXT,
                "category": st.sampled_from([None, 0, 1]),
                "tags": st.sets(st.sampled_from([0, 1])),
            },
        ),
        st.tuples(
            st.sampled_from(["set_category", "add_tags", "remove_tags"]),
            st.sampled_from([None, 0, 1]),
            st.sets(st.sampled_from([0, 1]), min_size=1),
        ),
    ),
    max_size=6,
)


def as_version(read: dict) -> dict:
    """The transaction as its versions spell it (an independent reading of the API's view)."""
    return {
        "account_id": read["account_id"],
        "booked_on": read["booked_on"],
        "value_on": read["value_on"],
        "amount": int(Decimal(read["amount"]) * 100),  # CZK: hundredths
        "currency": read["currency"],
        "original_amount": None,
        "original_currency": read["original_currency"],
        "category_id": read["category_id"],
        "transfer_id": read["transfer_id"],
        "source": read["source"],
        "tag_ids": sorted(read["tag_ids"]) or None,
        "description": read["description"],
        "counterparty_name": read["counterparty_name"],
        "counterparty_account": read["counterparty_account"],
        "note": read["note"],
    }


@hypothesis_settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS, description=TEXT)
async def test_replaying_the_versions_gives_back_the_transaction(app, client, edits, description):
    user = await create_user(app, f"replay-{uuid.uuid4().hex[:8]}@example.com")
    person = TestUser(str(user.id), user.email, "", await token_headers(app, user))
    account = await create_account(client, person)
    categories = [
        (await api_create(client, person, "/categories", {"name": f"c{n}"}))["id"] for n in (0, 1)
    ]
    tags = [(await api_create(client, person, "/tags", {"name": f"t{n}"}))["id"] for n in (0, 1)]
    row = (await create_transaction(client, person, account, "-1", description=description))["id"]
    for edit in edits:
        if isinstance(edit, tuple):
            action, category, chosen = edit
            body = {
                "ids": [row],
                "action": action,
                "category_id": None if category is None else categories[category],
                "tag_ids": [tags[n] for n in chosen],
            }
            response = await client.post("/transactions/bulk", json=body, headers=person.headers)
        else:
            body = dict(edit)
            if "category" in body:
                category = body.pop("category")
                body["category_id"] = None if category is None else categories[category]
            if "tags" in body:
                body["tag_ids"] = [tags[n] for n in body.pop("tags")]
            response = await client.patch(f"/transactions/{row}", json=body, headers=person.headers)
        assert response.status_code == 200, response.text

    replayed: dict = {}
    for version in await history(client, person, row):
        for field, (old, new) in changed(version).items():
            assert replayed.get(field) == old  # each version starts where the last ended
            replayed[field] = new
    current = (await client.get(f"/transactions/{row}", headers=person.headers)).json()
    expected = as_version(current)
    assert {field: replayed.get(field) for field in expected} == expected

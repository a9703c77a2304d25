"""What is stored is unreadable without the keys, bound to its row, and rotatable."""

import asyncio
import shutil
import subprocess
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from cashbook.app import create_app
from cashbook.history.service import Actor
from cashbook.keys.repository import EncryptedColumnRepository
from cashbook.keys.service import key_service
from cashbook.kit.db import session_scope
from cashbook.kit.encryption import field_cipher, keys_for
from cashbook.kit.keys import new_key
from cashbook.ledger.records import NewTransaction
from cashbook.ledger.service import ledger_service
from cashbook.models import Account, Transaction
from cashbook.models.transaction_version import ActorKind
from tests.factories import (
    create_account,
    create_transaction,
    create_user,
    metric,
    signed_in_user,
    token_headers,
)

CANARIES = {
    "description": "CANARY-description-Xq7",
    "counterparty_name": "CANARY-counterparty-Zr4",
    "counterparty_account": "CANARY-4455667788/0100",
    "note": "CANARY-note-Wm2",
    "display_name": "CANARY-display-Kb9",
}
IBAN = "CZ6508000000192000145399"


async def stored_bytes(app, backend: str) -> bytes:
    """Everything the database holds, as an attacker with a copy of it would see it."""
    url = make_url(app.state.settings.sqlalchemy_url)
    if backend == "sqlite":
        await app.state.engine.dispose()  # checkpoints the write-ahead log into the file
        files = [Path(url.database + suffix) for suffix in ("", "-wal")]
        return b"".join(f.read_bytes() for f in files if f.exists())
    dump = shutil.which("mariadb-dump") or shutil.which("mysqldump")
    assert dump, "mariadb-dump is needed to check what a database dump reveals"
    result = await asyncio.to_thread(
        subprocess.run,
        [
            dump,
            "-h",
            url.host,
            "-P",
            str(url.port or 3306),
            "-u",
            url.username or "root",
            "--skip-extended-insert",
            url.database,
        ],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout


async def test_canaries_never_reach_the_database_file_or_a_dump(app, client, backend):
    user = await signed_in_user(app, client, "canary@example.com")
    account = await create_account(client, user, name="PLAIN-account-name", iban=IBAN)
    created = await create_transaction(client, user, account, "-42", **CANARIES)
    assert {k: created[k] for k in CANARIES} == CANARIES  # the API gives them back
    # Every encrypted column the API accepts carries a canary (the external id comes from a
    # source, not from the API).
    assert set(CANARIES) == set(Transaction.__encrypted__) - {"external_id"}
    parts = [{"amount": "-40", "note": "CANARY-part-note-Kd9"}, {"amount": "-2"}]
    split = await client.put(
        f"/transactions/{created['id']}/splits", json={"parts": parts}, headers=user.headers
    )
    assert split.json()["parts"][0]["note"] == "CANARY-part-note-Kd9"

    stored = await stored_bytes(app, backend)
    assert b"PLAIN-account-name" in stored  # we are looking at the right data
    for value in [*CANARIES.values(), IBAN, "CZ65 0800"]:
        assert value.encode() not in stored, value
    assert b"CANARY" not in stored


async def _write_blob(app, row_id: uuid.UUID, blob: bytes) -> None:
    async with session_scope(app.state.sessionmaker) as session:
        await session.execute(
            update(Transaction).where(Transaction.id == row_id).values(description=blob)
        )


async def _blob(app, row_id: str) -> bytes:
    async with session_scope(app.state.sessionmaker) as session:
        statement = select(Transaction.description).where(Transaction.id == uuid.UUID(row_id))
        return bytes((await session.execute(statement)).scalar_one())


async def test_bytes_are_written_and_read_back_unchanged(app, client):
    """aiomysql with PyMySQL >= 1.2 fails on any bytes parameter (aio-libs/aiomysql#1080):
    this is the test that catches an upgrade past the pin."""
    user = await signed_in_user(app, client, "bytes@example.com")
    account = await create_account(client, user)
    created = await create_transaction(client, user, account, "-1", description="row 0")
    blob = await _blob(app, created["id"])
    assert blob[0] == 1 and len(blob) == 1 + 4 + 12 + len("row 0") + 16
    every_byte = bytes(range(256))
    await _write_blob(app, uuid.UUID(created["id"]), every_byte)
    assert await _blob(app, created["id"]) == every_byte


async def test_tampered_or_moved_values_fail_for_that_row_only(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    other = await signed_in_user(app, client, "other@example.com")
    account = await create_account(client, user)
    rows = [
        await create_transaction(client, user, account, f"-{n}", description=f"row {n}", note="ok")
        for n in range(4)
    ]
    foreign = await create_transaction(
        client, other, await create_account(client, other), "-1", description="not yours"
    )
    blob = await _blob(app, rows[0]["id"])

    flipped = bytearray(blob)
    flipped[-3] ^= 0x80
    await _write_blob(app, uuid.UUID(rows[0]["id"]), bytes(flipped))
    await _write_blob(app, uuid.UUID(rows[1]["id"]), await _blob(app, rows[2]["id"]))
    await _write_blob(app, uuid.UUID(rows[3]["id"]), await _blob(app, foreign["id"]))

    failures = metric("cashbook_decryption_failures_total", table="transactions")
    listing = await client.get("/transactions", headers=user.headers)
    assert listing.status_code == 200
    # Each value that would not open is counted, by table only.
    assert metric("cashbook_decryption_failures_total", table="transactions") == failures + 3
    by_id = {item["id"]: item for item in listing.json()["items"]}
    for broken in (rows[0], rows[1], rows[3]):
        item = by_id[broken["id"]]
        assert item["description"] is None
        assert item["note"] == "ok"  # the other fields of the row still read
        assert item["decryption_error"]["code"] == "DECRYPTION_FAILED"
        assert item["decryption_error"]["fields"] == ["description"]
        assert item["amount"] == broken["amount"]
    assert by_id[rows[2]["id"]]["description"] == "row 2"
    assert by_id[rows[2]["id"]]["decryption_error"] is None

    single = await client.get(f"/transactions/{rows[3]['id']}", headers=user.headers)
    assert single.status_code == 200
    assert "not yours" not in single.text
    assert single.json()["decryption_error"]["fields"] == ["description"]
    assert (await client.get("/reports/summary", headers=user.headers)).status_code == 200
    # Writing a new value repairs the row.
    repaired = await client.patch(
        f"/transactions/{rows[0]['id']}", json={"description": "fixed"}, headers=user.headers
    )
    assert repaired.json()["decryption_error"] is None


ROTATION_ROWS = 10_000


async def test_rotation_over_ten_thousand_transactions(app, settings, tmp_path):
    user = await create_user(app, "rotate@example.com")
    old_keys = keys_for(settings)
    async with session_scope(app.state.sessionmaker) as session:
        account = Account(user_id=user.id, name="Main", currency="CZK", iban=None)
        session.add(account)
        await session.flush()
        await ledger_service.write(
            session,
            old_keys,
            user.id,
            [
                NewTransaction(
                    account_id=account.id,
                    booked_on=date(2025, 1, 1) + timedelta(n % 365),
                    amount=-n,
                    currency="CZK",
                    description=f"payment {n}",
                    note=f"note {n}" if n % 3 == 0 else None,
                    external_id=f"bank-{n}",
                )
                for n in range(ROTATION_ROWS)
            ],
            Actor(ActorKind.system),
        )
    old_key = settings.db_encryption_key.get_secret_value()
    rotated_settings = settings.model_copy(
        update={
            "db_encryption_key": type(settings.db_encryption_key)(new_key()),
            "db_encryption_retired_keys": [settings.db_encryption_key],
        }
    )
    cipher = field_cipher(rotated_settings)
    # Descriptions, external ids, every third note, each transaction's first version (its
    # texts, sealed) and one more value outside the ledger.
    expected = 3 * ROTATION_ROWS + ROTATION_ROWS // 3 + 1
    async with session_scope(app.state.sessionmaker) as session:
        assert await key_service.pending(session, cipher) == expected

    # The API writes meanwhile: a value already replaced is not overwritten by the rotation.
    first = (await _first_transaction(app)).id
    async with session_scope(app.state.sessionmaker) as session:
        stale = (
            await session.execute(select(Transaction.description).where(Transaction.id == first))
        ).scalar_one()
        repository = EncryptedColumnRepository(session, Transaction, "description")
        assert (
            await repository.replace([{"row_id": first, "old": b"not what is stored", "new": b"x"}])
            == 0
        )
        assert (
            await session.execute(select(Transaction.description).where(Transaction.id == first))
        ).scalar_one() == stale

    progress: list[int] = []
    result = await key_service.rotate(
        app.state.sessionmaker, cipher, batch_size=700, progress=progress.append
    )
    assert result.failed == []
    assert result.rotated == sum(progress) == expected
    async with session_scope(app.state.sessionmaker) as session:
        assert await key_service.pending(session, cipher) == 0
        status = await key_service.status(session)
    assert {key for column in status for key in column.by_key} == {cipher.current_key_id}
    # Running again finds nothing to do (resumable, idempotent).
    assert (await key_service.rotate(app.state.sessionmaker, cipher)).rotated == 0

    # The old key can go: a server with only the new one reads everything.
    new_only = rotated_settings.model_copy(update={"db_encryption_retired_keys": []})
    assert old_key not in {k.get_secret_value() for k in new_only.db_encryption_retired_keys}
    fresh = create_app(new_only)
    try:
        headers = await token_headers(fresh, user)
        transport = httpx.ASGITransport(app=fresh)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            seen, cursor = 0, None
            while True:
                params = {"limit": 500, **({"cursor": cursor} if cursor else {})}
                page = (await http.get("/transactions", params=params, headers=headers)).json()
                for item in page["items"]:
                    assert item["decryption_error"] is None
                    assert item["description"] == f"payment {int(Decimal(item['amount']) * -100)}"
                seen += len(page["items"])
                cursor = page["next_cursor"]
                if cursor is None:
                    break
            assert seen == ROTATION_ROWS
            found = await http.get("/transactions", params={"q": "payment 4321"}, headers=headers)
            assert [i["amount"] for i in found.json()["items"]] == ["-43.21"]
            # The history was rotated with the transactions: it reads under the new key alone.
            history = await http.get(f"/transactions/{first}/history", headers=headers)
            (created,) = history.json()["items"]
            assert created["decryption_failed"] is False
            described = {c["field"]: c["new"] for c in created["changes"]}["description"]
            assert (
                described
                == f"payment {-{c['field']: c['new'] for c in created['changes']}['amount']}"
            )
    finally:
        await fresh.state.engine.dispose()


async def _first_transaction(app) -> Transaction:
    async with session_scope(app.state.sessionmaker) as session:
        return (await session.execute(select(Transaction).limit(1))).scalar_one()

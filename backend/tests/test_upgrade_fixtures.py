"""A database made by the previous release (users, accounts, categories, tags, encrypted
manual, imported and bank-synced transactions, a bank connection with its tokens) upgrades to
this code's head on SQLite and MariaDB, and everything in it reads back.

The fixtures in `fixtures/upgrade/` were made by release 7526ed1 with `generate.py`."""

import asyncio
import gzip
import json
import shutil
from pathlib import Path

import pymysql
import pytest
from pymysql.constants import CLIENT
from sqlalchemy import text
from sqlalchemy.engine import make_url

from cashbook.app import create_app
from cashbook.kit import alembic
from cashbook.kit.db import create_engine
from tests import databases
from tests.conftest import make_settings
from tests.factories import all_transactions, bearer_headers
from tests.stored_data import read_back

FIXTURES = Path(__file__).parent / "fixtures" / "upgrade"
KEYS = json.loads((FIXTURES / "keys.json").read_text())
PASSWORD = "previous release passphrase"  # noqa: S105 - the fixture users' password
# What the previous release stored; an upgrade may add rows, never lose them.
STORED = {
    "users": 2,
    "accounts": 6,
    "categories": 1,
    "tags": 1,
    "transactions": 53,
    "transaction_tags": 3,
    "bank_connections": 1,
    "bank_connection_accounts": 3,
    "imports": 1,
    "transaction_origins": 49,
}


def load_mariadb_dump(url: str, dump: Path) -> None:
    parts = make_url(url)
    connection = pymysql.connect(
        host=parts.host,
        port=parts.port or 3306,
        user=parts.username,
        password=parts.password or "",
        database=parts.database,
        client_flag=CLIENT.MULTI_STATEMENTS,
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(gzip.decompress(dump.read_bytes()).decode())
            while cursor.nextset():
                pass
        connection.commit()
    finally:
        connection.close()


@pytest.fixture
def previous_release(backend: str, tmp_path: Path) -> str:
    """The URL of a database holding what the previous release stored."""
    if backend == "sqlite":
        path = tmp_path / "previous.sqlite"
        with gzip.open(FIXTURES / "sqlite-7526ed1.db.gz") as packed, path.open("wb") as out:
            shutil.copyfileobj(packed, out)
        return f"sqlite+aiosqlite:///{path}"
    url = databases.fresh_mariadb_database("upgrade")
    load_mariadb_dump(url, FIXTURES / "mariadb-7526ed1.sql.gz")
    return url


async def test_the_previous_release_upgrades_and_reads_back(previous_release, tmp_path):
    settings = make_settings(previous_release, tmp_path / "data", **KEYS)
    await asyncio.to_thread(alembic.upgrade, settings)  # Alembic runs its own event loop

    engine = create_engine(settings)
    async with engine.connect() as connection:
        versions = await connection.execute(text("SELECT version_num FROM alembic_version"))
        assert frozenset(versions.scalars()) == alembic.script_heads()
    await engine.dispose()
    rows, decrypted = await read_back(settings)  # every encrypted value decrypts
    assert {table: rows[table] >= count for table, count in STORED.items()} == {
        table: True for table in STORED
    }
    assert decrypted["transactions.description"] >= 53
    assert decrypted["accounts.iban"] >= 5
    assert decrypted["bank_connections.access_token"] == 1
    assert decrypted["bank_connections.refresh_token"] == 1
    assert decrypted["transaction_origins.raw"] >= 40

    # And through this release's API, as the people who stored it.
    import httpx

    app = create_app(settings)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            ada = await bearer_headers(client, "ada@example.com", PASSWORD)
            listed = await all_transactions(client, ada)
            assert len(listed) == 52
            assert [t for t in listed if t["decryption_error"]] == []
            texts = {t["description"] for t in listed}
            assert {"Pekárna U Kvásku", "Káva", "Vrácení půjčky"} <= texts
            connections = await client.get("/bank/connections", headers=ada)
            assert connections.status_code == 200
            assert len(connections.json()) == 1
            bob = await bearer_headers(client, "bob@example.com", PASSWORD)
            assert [t["description"] for t in await all_transactions(client, bob)] == [
                "Bob's coffee"
            ]
    finally:
        await app.state.engine.dispose()

"""The database going away under a running API (a server of the test's own, stopped
mid-traffic and started again): requests get 503 with a stable code while it is down, the API
recovers by itself when it is back, and what was refused left nothing behind."""

import asyncio
import os
import shutil
from pathlib import Path

import httpx
import pytest

from cashbook.app import create_app
from cashbook.kit import alembic
from tests.conftest import make_settings
from tests.factories import all_transactions, create_account, signed_in_user
from tests.mariadb_server import ThrowawayMariaDB


@pytest.fixture
def mariadb(tmp_path: Path):
    if shutil.which("mariadb-install-db") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the MariaDB server package is required in CI")
        pytest.skip("mariadb-install-db is missing (Debian's mariadb-server)")
    server = ThrowawayMariaDB(tmp_path / "mariadb")
    server.start()
    server.create_database()
    yield server
    server.stop()


async def add(client: httpx.AsyncClient, headers: dict, account: dict, n: int) -> int:
    body = {
        "account_id": account["id"],
        "amount": f"-{n}.00",
        "booked_on": "2026-03-14",
        "description": f"Payment {n}",
    }
    return (await client.post("/transactions", json=body, headers=headers)).status_code


async def test_the_api_answers_503_while_the_database_is_down_and_recovers(mariadb, tmp_path):
    settings = make_settings(mariadb.url, tmp_path / "data")
    await asyncio.to_thread(alembic.upgrade, settings)  # Alembic runs its own event loop
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            user = await signed_in_user(app, client, "outage@example.com")
            account = await create_account(client, user, name="Main")
            assert [await add(client, user.headers, account, n) for n in (1, 2)] == [201, 201]

            await asyncio.to_thread(mariadb.stop)
            refused = await client.post(
                "/transactions",
                json={"account_id": account["id"], "amount": "-3.00", "booked_on": "2026-03-14"},
                headers=user.headers,
            )
            assert refused.status_code == 503
            assert refused.json() == {"detail": "DATABASE_UNAVAILABLE"}
            assert refused.headers["retry-after"] == "5"
            listing = await client.get("/transactions", headers=user.headers)
            assert listing.status_code == 503
            assert (await client.get("/readyz")).status_code == 503
            assert (await client.get("/healthz")).status_code == 200  # alive: don't restart it

            await asyncio.to_thread(mariadb.start)  # the same data, the same port
            assert (await client.get("/readyz")).status_code == 200
            assert await add(client, user.headers, account, 4) == 201
            stored = await all_transactions(client, user.headers)
            assert sorted(t["description"] for t in stored) == [
                "Payment 1",
                "Payment 2",
                "Payment 4",
            ]
    finally:
        await app.state.engine.dispose()

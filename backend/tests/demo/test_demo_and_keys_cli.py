"""`cashbook demo seed`, `cashbook keys status`, `rotate` and `verify` as a person runs
them, then the seeded year read back through the API."""

import os
import re
from pathlib import Path

import httpx
import pytest

from cashbook.app import create_app
from cashbook.config import Settings, load_local_secret
from tests.conftest import free_port
from tests.factories import bearer_headers
from tests.test_cli_and_server import cashbook

EMAIL = "jana@example.com"
PASSWORD = "demo passphrase 42"  # noqa: S105


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CASHBOOK_DATA_DIR": str(tmp_path / "data"),
        "CASHBOOK_PORT": str(free_port()),
    }


async def test_seed_rotate_and_read_back(env, tmp_path):
    assert cashbook("db", "upgrade", env=env).returncode == 0
    created = cashbook("users", "create-admin", EMAIL, env=env, input=f"{PASSWORD}\n" * 2)
    assert created.returncode == 0, created.stderr
    unknown = cashbook("demo", "seed", "--user", "nobody@example.com", env=env)
    assert unknown.returncode == 1 and "No user with the email" in unknown.stdout

    seeded = cashbook("demo", "seed", "--user", EMAIL, env=env)
    assert seeded.returncode == 0, seeded.stderr
    added = int(seeded.stdout.split()[0])
    assert added > 300
    again = cashbook("demo", "seed", "--user", EMAIL, env=env)
    assert (
        again.stdout.startswith("0 transactions added")
        and f"({added} already there)" in again.stdout
    )

    data = tmp_path / "data"
    old_key = (data / "encryption.key").read_text().strip()
    status = cashbook("keys", "status", env=env)
    assert "(current)" in status.stdout and "retired" not in status.stdout

    new_key = cashbook("keys", "generate", env=env).stdout.strip()
    rotated_env = {**env, "DB_ENCRYPTION_KEY": new_key, "DB_ENCRYPTION_RETIRED_KEYS": old_key}
    before = cashbook("keys", "status", env=rotated_env)
    assert "(retired)" in before.stdout
    rotation = cashbook("keys", "rotate", "--batch-size", "100", env=rotated_env)
    assert rotation.returncode == 0, rotation.stderr
    assert "every value is on the current key" in rotation.stdout
    without_old = {**env, "DB_ENCRYPTION_KEY": new_key}
    verified = cashbook("keys", "verify", env=without_old)
    assert verified.returncode == 0, verified.stdout
    assert re.search(r"all \d{3,} encrypted values decrypt", verified.stdout)
    # The old key alone reads nothing any more: every value is listed as unreadable.
    wrong = cashbook("keys", "verify", env={**env, "DB_ENCRYPTION_KEY": old_key})
    assert wrong.returncode == 1 and "values could not be decrypted" in wrong.stdout
    after = cashbook("keys", "status", env=without_old)
    assert (
        "(current)" in after.stdout
        and "UNKNOWN" not in after.stdout
        and "retired" not in after.stdout
    )

    # The person's year through the API, on the new key only.
    settings = load_local_secret(Settings(data_dir=data, db_encryption_key=new_key))
    app = create_app(settings)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            headers = await bearer_headers(http, EMAIL, PASSWORD)
            accounts = (await http.get("/accounts", headers=headers)).json()
            assert {a["currency"] for a in accounts} == {"CZK", "EUR"} and len(accounts) == 4
            netflix = (await http.get("/transactions?q=netflix", headers=headers)).json()["items"]
            assert 12 <= len(netflix) <= 13
            assert all(t["description"] == "Netflix.com" for t in netflix)
            # Every figure in one currency out of the box: the demo seeds a year of rates.
            summary = (await http.get("/reports/summary", headers=headers)).json()
            assert [line["currency"] for line in summary["totals"]] == ["CZK"]
            assert summary["missing_rates"] == summary["unconverted_currencies"] == []
            by_category = (
                await http.get("/reports/by-category?currency=EUR", headers=headers)
            ).json()
            assert by_category["unconverted_currencies"] == []
            assert len(by_category["items"]) >= 8
            page = (await http.get("/transactions?limit=500", headers=headers)).json()
            assert all(item["decryption_error"] is None for item in page["items"])
    finally:
        await app.state.engine.dispose()

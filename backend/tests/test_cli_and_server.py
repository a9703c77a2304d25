"""The command line and the server as real processes, the way `make run` uses them."""

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port


def cashbook(
    *args: str, env: dict[str, str], input: str | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cashbook", *args],
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CASHBOOK_DATA_DIR": str(tmp_path / "data"),
        "CASHBOOK_PORT": str(free_port()),
    }


@pytest.fixture
def server(env):
    assert cashbook("db", "upgrade", env=env).returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "cashbook", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{env['CASHBOOK_PORT']}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{url}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not become ready")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_seed_usage_against_a_running_server(server):
    user = {
        "email": "seed@example.com",
        "password": "seed passphrase 1",
        "first_name": "Seed",
        "last_name": "User",
    }
    assert httpx.post(f"{server}/auth/register", json=user).status_code == 201
    login = httpx.post(
        f"{server}/auth/jwt/login", data={"username": user["email"], "password": user["password"]}
    )
    token = login.json()["access_token"]
    me = httpx.get(f"{server}/users/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert {k: me.json()[k] for k in ("email", "first_name", "last_name")} == {
        k: user[k] for k in ("email", "first_name", "last_name")
    }
    assert httpx.get(f"{server}/openapi.json").json()["info"]["title"] == "Cashbook"


def test_db_upgrade_downgrade_and_create_admin(env):
    assert "database at head" in cashbook("db", "upgrade", env=env).stdout
    created = cashbook(
        "users", "create-admin", "boss@example.com", env=env, input="admin passphrase 9\n" * 2
    )
    assert created.returncode == 0, created.stderr
    assert "administrator boss@example.com created" in created.stdout
    weak = cashbook("users", "create-admin", "weak@example.com", env=env, input="short\nshort\n")
    assert weak.returncode == 1
    assert "at least 10 characters" in weak.stderr
    duplicate = cashbook(
        "users", "create-admin", "boss@example.com", env=env, input="admin passphrase 9\n" * 2
    )
    assert "already exists" in duplicate.stderr
    demoted = cashbook("users", "demote", "boss@example.com", env=env)
    assert "boss@example.com is now user" in demoted.stdout
    promoted = cashbook("users", "promote", "boss@example.com", env=env)
    assert "boss@example.com is now admin" in promoted.stdout
    assert cashbook("users", "promote", "nobody@example.com", env=env).returncode == 1
    assert cashbook("db", "downgrade", "base", env=env).returncode == 0


def test_production_refuses_to_start_and_names_the_variable(env):
    result = cashbook("db", "upgrade", env={**env, "CASHBOOK_ENV": "production"})
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "configuration error: production needs a database: set DATABASE_URL or MARIADB_HOST"
    )
    result = cashbook(
        "db",
        "upgrade",
        env={**env, "CASHBOOK_ENV": "production", "MARIADB_HOST": "x", "MARIADB_PASSWORD": "p"},
    )
    assert "CASHBOOK_SECRET_KEY must be set" in result.stderr

"""`cashbook backup` while an import writes, and `cashbook restore` into a new data folder:
every row comes back and every encrypted value decrypts with the keys from the backup."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from cashbook.backup.service import backup
from cashbook.config import Settings, load_local_secret
from cashbook.kit.keys import new_key
from tests.factories import create_account, create_transaction, signed_in_user
from tests.imports.helpers import FIXTURES
from tests.stored_data import read_back
from tests.worker.conftest import BACKEND_DIR, wait_until

IBAN = "CZ8620100000002900123456"
IMPORTED = 2000
PASSPHRASE = "a passphrase kept apart"  # noqa: S105 - a test value


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cashbook", *args],
        env=env,
        cwd=BACKEND_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def start(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cashbook", *args],
        env=env,
        cwd=BACKEND_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def running_env(settings: Settings) -> dict[str, str]:
    """The environment of the running installation: its database and its keys."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "CASHBOOK_DATA_DIR": str(settings.data_dir),
        "DATABASE_URL": settings.sqlalchemy_url,
        "CASHBOOK_SECRET_KEY": settings.secret_key.get_secret_value(),
        "DB_ENCRYPTION_KEY": settings.db_encryption_key.get_secret_value(),
        "DB_BLIND_INDEX_KEY": settings.db_blind_index_key.get_secret_value(),
    }


def big_fio_statement(path: Path, entries: int) -> Path:
    """The Fio fixture's header with `entries` card payments of its account."""
    header = (FIXTURES / "csv" / "fio-2024-03-01_15.csv").read_text().split("\n")[:13]
    lines = [
        f'"5{n:010d}";"{1 + n % 28:02d}.03.2024";"-{100 + n},50";"CZK";"";"";"";"";"";"";"";'
        f'"Nákup {n}: Obchod";"";"Platba kartou";"Jan Novák";"";"";"";""'
        for n in range(entries)
    ]
    path.write_text("\n".join(header + lines) + "\n")
    return path


def import_status(database: str) -> str | None:
    with sqlite3.connect(database) as db:
        row = db.execute("SELECT status FROM imports").fetchone()
    return row[0] if row else None


async def test_a_backup_made_during_an_import_restores_whole_and_readable(
    app, client, settings, backend, tmp_path
):
    if backend != "sqlite":
        pytest.skip("SQLite's backup; MariaDB's is mariadb-dump (see the test below)")
    user = await signed_in_user(app, client, "backup@example.com")
    account = await create_account(client, user, iban=IBAN)
    for n in range(3):
        await create_transaction(client, user, account, f"-10{n}.00", description=f"Rent {n}")
    env = running_env(settings)
    statement = big_fio_statement(tmp_path / "big.csv", IMPORTED)
    importing = start(env, "import", str(statement), "--account", account["id"])
    try:
        database = make_url(settings.sqlalchemy_url).database
        wait_until(lambda: import_status(database) == "running", timeout=60, interval=0.02)
        # In this process, so the copy is made a moment after the import's claim, while its
        # transaction is still writing.
        backup(settings, tmp_path / "backups", PASSPHRASE)
    finally:
        out, err = importing.communicate(timeout=300)
    assert importing.returncode == 0, err
    assert f"imported {IMPORTED} of {IMPORTED}" in out

    [folder] = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    # The import was running when the copy was made, and none of its rows are in it.
    assert import_status(str(folder / "cashbook.sqlite")) == "running"
    assert manifest["rows"]["transactions"] == 3
    assert manifest["keys"] == "keys.enc"
    assert settings.db_encryption_key.get_secret_value() not in (folder / "keys.enc").read_text()

    restored = tmp_path / "restored"
    restore_env = {**os.environ, "CASHBOOK_DATA_DIR": str(restored)}
    done = cli(
        restore_env, "restore", str(folder), "--passphrase-file", str(passphrase_file(tmp_path))
    )
    assert done.returncode == 0, done.stderr
    assert f"({sum(manifest['rows'].values())} rows)" in done.stdout

    again = cli(
        restore_env, "restore", str(folder), "--passphrase-file", str(passphrase_file(tmp_path))
    )
    assert again.returncode == 1
    assert "is not empty" in again.stderr

    mine = load_local_secret(Settings(data_dir=restored))  # the keys restored beside it
    assert mine.db_encryption_key == settings.db_encryption_key
    rows, decrypted = await read_back(mine)
    assert {table: rows[table] for table in manifest["rows"] if table in rows} == {
        table: count for table, count in manifest["rows"].items() if table in rows
    }
    assert rows["transactions"] == 3 and rows["users"] == 1 and rows["accounts"] == 1
    assert decrypted["transactions.description"] == 3
    assert decrypted["accounts.iban"] == 1


def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE)
    return path


async def test_keys_stay_out_unless_asked_and_restore_checks_them(settings, backend, tmp_path):
    if backend != "sqlite":
        made = cli(running_env(settings), "backup", "--to", str(tmp_path / "backups"))
        assert made.returncode == 1
        assert "mariadb-dump --single-transaction" in made.stderr
        return
    env = running_env(settings)
    made = cli(env, "backup", "--to", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    assert "The keys are not in the backup" in made.stdout
    assert "DB_ENCRYPTION_KEY" in made.stdout  # where this installation's key comes from
    [folder] = (tmp_path / "backups").iterdir()
    assert sorted(path.name for path in folder.iterdir()) == ["cashbook.sqlite", "manifest.json"]

    wrong_key = {
        **os.environ,
        "CASHBOOK_DATA_DIR": str(tmp_path / "elsewhere"),
        "DB_ENCRYPTION_KEY": new_key(),
    }
    refused = cli(wrong_key, "restore", str(folder))
    assert refused.returncode == 1
    assert "encryption key set here is not the one" in refused.stderr
    assert not (tmp_path / "elsewhere").exists()  # nothing written

    without_keys = cli(
        {**os.environ, "CASHBOOK_DATA_DIR": str(tmp_path / "new")}, "restore", str(folder)
    )
    assert without_keys.returncode == 0, without_keys.stderr
    assert "The backup has no keys" in without_keys.stdout
    assert sorted(path.name for path in (tmp_path / "new").iterdir()) == ["cashbook.sqlite"]

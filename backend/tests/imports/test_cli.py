"""`cashbook import FILE --account ID` as a person runs it, against the API's database."""

import os
import subprocess
import sys

from tests.factories import all_transactions, create_account, signed_in_user
from tests.imports.helpers import FIXTURES
from tests.worker.conftest import BACKEND_DIR


def cashbook_import(settings, *args: str) -> subprocess.CompletedProcess:
    # The data folder holds the embedded broker (which the finished-import email goes through)
    # even when the database is MariaDB.
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "CASHBOOK_DATA_DIR": str(settings.data_dir),
        "DATABASE_URL": settings.sqlalchemy_url,
        "CASHBOOK_SECRET_KEY": settings.secret_key.get_secret_value(),
        "DB_ENCRYPTION_KEY": settings.db_encryption_key.get_secret_value(),
        "DB_BLIND_INDEX_KEY": settings.db_blind_index_key.get_secret_value(),
    }
    return subprocess.run(
        [sys.executable, "-m", "cashbook", "import", *args],
        env=env,
        cwd=BACKEND_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_the_import_command(app, client, settings):
    user = await signed_in_user(app, client, "cli@example.com")
    account = await create_account(client, user, iban="CZ8620100000002900123456")
    statement = str(FIXTURES / "csv" / "fio-2024-03-01_15.csv")

    done = cashbook_import(settings, statement, "--account", account["id"])
    assert done.returncode == 0, done.stderr
    # One summary line; no log lines (nor a progress bar, off a terminal) anywhere.
    assert done.stdout == (
        "imported 7 of 7 transactions from fio-2024-03-01_15.csv (csv.fio, utf-8); "
        "0 already known\n"
    )
    assert done.stderr == ""
    assert len(await all_transactions(client, user.headers, account_id=account["id"])) == 7
    again = cashbook_import(settings, statement, "--account", account["id"], "-v")
    assert "imported 0 of 7" in again.stdout and "7 already known" in again.stdout
    assert "import finished" in again.stderr and "import finished" not in again.stdout

    broken = cashbook_import(
        settings, str(FIXTURES / "csv" / "fio-broken-rows.csv"), "--account", account["id"]
    )
    assert broken.returncode == 1
    assert "nothing was imported" in broken.stderr
    assert "line 8: the booking date is not a date" in broken.stderr
    unknown = cashbook_import(
        settings, statement, "--account", "3f0e9d0a-7b43-4c2a-9b86-0f3c1d2e4a55"
    )
    assert unknown.returncode == 1 and "no account with the id" in unknown.stderr
    assert len(await all_transactions(client, user.headers, account_id=account["id"])) == 7

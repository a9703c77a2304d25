"""While a long import runs on SQLite, another person's writes and cookie sign-ins all succeed:
the import commits chunk by chunk, so it never holds the single write lock for long."""

import asyncio

import pytest
from sqlalchemy.engine import make_url

from cashbook.imports.service import IMPORT_JOB
from cashbook.kit.db import session_scope
from cashbook.ledger import service as ledger_module
from cashbook.models import StatementImport
from cashbook.worker.jobs import run_job
from tests.conftest import make_settings
from tests.factories import DEFAULT_PASSWORD, create_account, signed_in_user
from tests.imports.helpers import queued_import

ENTRIES = 3000
HEADER = (
    '"ID pohybu";"Datum";"Objem";"Měna";"Protiúčet";"Název protiúčtu";"Kód banky";'
    '"KS";"VS";"SS";"Zpráva pro příjemce";"Typ"'
)


@pytest.fixture
def settings(database_url, tmp_path):
    if make_url(database_url).get_backend_name() != "sqlite":
        pytest.skip("SQLite has one write lock for the whole database; MariaDB locks rows")
    # A wait far longer than one chunk's write takes, far shorter than the whole import's.
    return make_settings(database_url, tmp_path / "data", database_lock_timeout_ms=1000)


def fio_export(count: int) -> bytes:
    lines = [HEADER]
    for n in range(count):
        day = 1 + n % 28
        values = (2_900_000_000 + n, f"{day:02d}.03.2024", f"-{100 + n % 900},50", "CZK")
        rest = (f"{10**8 + n}", f"Obchod {n % 50}", "0800", "", "", "", f"Nákup {n}", "Platba")
        lines.append(";".join(f'"{value}"' for value in (*values, *rest)))
    return ("\n".join(lines) + "\n").encode()


async def test_another_persons_writes_succeed_while_a_long_import_runs(app, client, monkeypatch):
    monkeypatch.setattr(ledger_module, "CHUNK", 100)  # many commits, as 2 000 in a long file
    importer = await signed_in_user(app, client, "importer@example.com")
    other = await signed_in_user(app, client, "other@example.com")
    account = await create_account(client, importer)
    settings, sessionmaker = app.state.settings, app.state.sessionmaker
    row = await queued_import(app, importer, account, fio_export(ENTRIES))
    running = asyncio.create_task(run_job(sessionmaker, settings, IMPORT_JOB, [str(row.id)]))

    statuses, during = [], 0
    while not running.done() or len(statuses) < 20:
        during += not running.done()
        tag = await client.post("/tags", json={"name": f"t{len(statuses)}"}, headers=other.headers)
        statuses.append(tag.status_code)
        if len(statuses) % 5 == 0:
            login = await client.post(
                "/auth/cookie/login", data={"username": other.email, "password": DEFAULT_PASSWORD}
            )
            statuses.append(login.status_code)
    await running

    assert during > 0  # the requests did overlap the import
    assert [s for s in statuses if s >= 300] == []
    async with session_scope(sessionmaker) as session:
        done = await session.get(StatementImport, row.id)
        assert (done.status, done.created) == ("succeeded", ENTRIES)

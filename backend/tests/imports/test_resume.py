"""A long import commits chunk by chunk with how far it got; one whose worker died resumes
after the last stored chunk and stores every entry exactly once."""

from datetime import timedelta

import pytest

from cashbook.imports.service import IMPORT_JOB
from cashbook.kit.db import session_scope
from cashbook.ledger import service as ledger_module
from cashbook.ledger.service import LedgerService
from cashbook.models import StatementImport
from cashbook.models.base import utcnow
from cashbook.worker.jobs import run_job
from tests.factories import all_transactions, create_account, signed_in_user
from tests.imports.helpers import fixture, queued_import


class WorkerDied(Exception):
    pass


async def test_an_import_whose_worker_died_resumes_without_duplicates(app, client, monkeypatch):
    user = await signed_in_user(app, client, "resume@example.com")
    account = await create_account(client, user, iban="CZ8620100000002900123456")
    settings, sessionmaker = app.state.settings, app.state.sessionmaker
    # Seven entries.
    row = await queued_import(app, user, account, fixture("csv/fio-2024-03-01_15.csv"))
    monkeypatch.setattr(ledger_module, "CHUNK", 2)
    store_chunk = LedgerService._chunk
    calls = 0

    async def dies_in_the_second_chunk(self, *args):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise WorkerDied
        await store_chunk(self, *args)

    monkeypatch.setattr(LedgerService, "_chunk", dies_in_the_second_chunk)
    with pytest.raises(WorkerDied):
        await run_job(sessionmaker, settings, IMPORT_JOB, [str(row.id)])

    async with session_scope(sessionmaker) as session:
        stopped = await session.get(StatementImport, row.id)
        assert (stopped.status, stopped.processed, stopped.created) == ("running", 2, 2)
        assert len(await all_transactions(client, user.headers, account_id=account["id"])) == 2
        stopped.started_at = utcnow() - timedelta(hours=1)  # its worker went silent long ago

    monkeypatch.setattr(LedgerService, "_chunk", store_chunk)
    await run_job(sessionmaker, settings, IMPORT_JOB, [str(row.id)])

    done = (await client.get(f"/imports/{row.id}", headers=user.headers)).json()
    assert (done["status"], done["total"], done["created"], done["duplicates"]) == (
        "succeeded",
        7,
        7,
        0,
    )
    stored = await all_transactions(client, user.headers, account_id=account["id"])
    assert len(stored) == 7
    assert len({(t["booked_on"], t["amount"], t["description"]) for t in stored}) == 7

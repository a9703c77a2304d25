"""Bank syncs and imports through a real worker process (`cashbook worker`) and a broker:
the first sync after connecting, a bank that fails and is retried with backoff, a statement
import, a revoked consent that sends one email; an import whose worker is killed half-way."""

import asyncio
import uuid
from datetime import date, timedelta

import pytest
from pydantic import SecretStr
from sqlalchemy import distinct, func, select
from sqlalchemy.engine import make_url

from cashbook.config import Settings
from cashbook.kit.db import session_scope
from cashbook.kit.encryption import keys_for
from cashbook.ledger.service import CHUNK
from cashbook.models import BankSyncRun, StatementImport, Transaction
from cashbook.models.base import utcnow
from tests.factories import all_transactions, connect_bank, create_account, signed_in_user
from tests.imports.helpers import fixture, upload
from tests.imports.test_concurrent_writes import fio_export
from tests.worker.conftest import wait_until


@pytest.fixture
def settings(settings: Settings, broker, database_url: str) -> Settings:
    """The fake bank's settings (tests/banking/conftest.py), with jobs going through the
    broker to real workers."""
    settings.jobs_inline = False
    settings.broker_url_override = SecretStr(broker.url)
    settings.cron_token = SecretStr("cron-secret-for-tests")
    return settings


def bank_env(settings: Settings) -> dict[str, str]:
    """What the worker process needs beyond the worker tests' settings: keys and the bank."""
    return {
        "DB_ENCRYPTION_KEY": settings.db_encryption_key.get_secret_value(),
        "DB_BLIND_INDEX_KEY": settings.db_blind_index_key.get_secret_value(),
        "CASHBOOK_FAKE_BANK": "false",
        "CSAS_CLIENT_ID": settings.csas_client_id,
        "CSAS_CLIENT_SECRET": settings.csas_client_secret.get_secret_value(),
        "CSAS_API_KEY": settings.csas_api_key.get_secret_value(),
        "CASHBOOK_CSAS_BASE_URL": settings.csas_base_url,
        "CASHBOOK_CSAS_AUTH_URL": settings.csas_auth_url,
        "CASHBOOK_CSAS_TOKEN_URL": settings.csas_token_url,
        "CASHBOOK_CSAS_REVOKE_URL": settings.csas_revoke_url,
    }


async def finished(app, model, row_id: str):
    """The row (a sync run or an import) once its job has finished with it."""
    async with asyncio.timeout(60):
        while True:
            async with session_scope(app.state.sessionmaker) as session:
                row = await session.get(model, uuid.UUID(row_id))
            if row is not None and row.finished_at is not None:
                return row
            await asyncio.sleep(0.2)


async def latest_run_id(client, user, connection_id: str) -> str:
    runs = await client.get(f"/bank/connections/{connection_id}/runs", headers=user.headers)
    return runs.json()[0]["id"]


async def test_a_worker_syncs_retries_imports_and_asks_for_reauthorisation_once(
    app, client, fake_bank, settings, smtp_server, start_worker
):
    settings.smtp_host, settings.smtp_port = smtp_server.hostname, smtp_server.port
    worker = start_worker(**bank_env(settings))
    user = await signed_in_user(app, client, "worker-bank@example.com")

    connection_id = await connect_bank(client, fake_bank, user)
    first = await finished(app, BankSyncRun, await latest_run_id(client, user, connection_id))
    assert (first.trigger, first.status) == ("connect", "succeeded")
    assert first.created > 0
    assert len(await all_transactions(client, user.headers)) == first.created
    worker.wait_for('"job": "banking.sync_connection"')  # the worker did it, not the API

    # The bank fails twice; the job is retried with backoff and then succeeds.
    fake_bank.bank.fail_next(503, "SERVICE_UNAVAILABLE", times=2)
    response = await client.post(f"/bank/connections/{connection_id}/sync", headers=user.headers)
    retried = await finished(app, BankSyncRun, response.json()["id"])
    assert (retried.status, retried.attempts) == ("succeeded", 3)
    assert retried.created == 0

    # A statement file goes through the default queue.
    account = await create_account(client, user, iban="CZ8620100000002900123456")
    response = await upload(client, user, account["id"], fixture("csv/fio-2024-03-01_15.csv"))
    assert response.status_code == 202
    statement = await finished(app, StatementImport, response.json()["id"])
    assert (statement.status, statement.created, statement.content) == ("succeeded", 7, None)

    # The consent is revoked at the bank: reauth_required and one email, however often asked.
    fake_bank.bank.revoke_consent()
    fake_bank.bank.expire_access_tokens()
    response = await client.post(f"/bank/connections/{connection_id}/sync", headers=user.headers)
    revoked = await finished(app, BankSyncRun, response.json()["id"])
    assert revoked.status == "reauth_required"
    again = await client.post(f"/bank/connections/{connection_id}/sync", headers=user.headers)
    assert again.status_code == 409
    cron = {"Authorization": "Bearer cron-secret-for-tests"}
    assert (await client.post("/internal/cron/bank-sync", headers=cron)).status_code == 202

    def reconnect_mails() -> list:
        return [m for m in smtp_server.messages if b"Reconnect" in m.content]

    wait_until(reconnect_mails, timeout=30)
    await asyncio.sleep(2)  # room for a second email, were one sent
    [envelope] = reconnect_mails()
    assert envelope.rcpt_tos == [user.email]


async def test_an_import_whose_worker_is_killed_finishes_after_a_restart_with_each_entry_once(
    app, client, settings, start_worker, database_url
):
    if make_url(database_url).get_backend_name() == "sqlite":
        pytest.skip("holding a worker between two chunks takes a row lock, which SQLite lacks")
    entries, held = 3000, 2999  # two chunks; the held entry is in the second
    worker = start_worker(**bank_env(settings))
    user = await signed_in_user(app, client, "killed-import@example.com")
    account = await create_account(client, user)
    user_id, account_id = uuid.UUID(user.id), uuid.UUID(account["id"])
    key = keys_for(settings).index.external_id(user_id, account_id, str(2_900_000_000 + held))
    async with app.state.sessionmaker() as blocker:
        # An uncommitted row with the held entry's key: the worker stores and commits the
        # first chunk, then waits in the second on the unique key until this one ends.
        blocker.add(
            Transaction(
                id=uuid.uuid4(),
                user_id=user_id,
                account_id=account_id,
                booked_on=date(2024, 3, 1),
                amount=-1,
                currency="CZK",
                external_id_index=key,
            )
        )
        await blocker.flush()
        response = await upload(client, user, account["id"], fio_export(entries))
        import_id = uuid.UUID(response.json()["id"])
        await progressed(app, import_id, CHUNK)
        worker.kill()
        await blocker.rollback()

    async with session_scope(app.state.sessionmaker) as session:
        stopped = await session.get(StatementImport, import_id)
        assert (stopped.status, stopped.processed, stopped.created) == ("running", CHUNK, CHUNK)
        stopped.started_at = utcnow() - timedelta(hours=1)  # its worker went silent long ago

    second = start_worker(**bank_env(settings))
    done = await finished(app, StatementImport, str(import_id))
    assert (done.status, done.processed, done.created, done.duplicates) == (
        "succeeded",
        entries,
        entries,
        0,
    )
    async with session_scope(app.state.sessionmaker) as session:
        counted = select(func.count(), func.count(distinct(Transaction.external_id_index))).where(
            Transaction.account_id == account_id
        )
        assert tuple((await session.execute(counted)).one()) == (entries, entries)
    second.wait_for('"job": "imports.run"')  # the restarted worker finished it


async def progressed(app, import_id: uuid.UUID, done: int) -> None:
    """Waits for the import's progress record to say `done` entries are stored."""
    async with asyncio.timeout(120):
        while True:
            async with session_scope(app.state.sessionmaker) as session:
                row = await session.get(StatementImport, import_id)
            if row is not None and row.processed >= done:
                return
            await asyncio.sleep(0.2)

"""Bank syncs and imports through a real worker process (`cashbook worker`) and a broker:
the first sync after connecting, a bank that fails and is retried with backoff, a statement
import, a revoked consent that sends one email."""

import asyncio
import uuid

import pytest
from pydantic import SecretStr

from cashbook.config import Settings
from cashbook.kit.db import session_scope
from cashbook.models import BankSyncRun, StatementImport
from tests.factories import all_transactions, connect_bank, create_account, signed_in_user
from tests.imports.helpers import fixture, upload
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

"""The background path with real worker processes, on each broker: mail delivered by a worker,
a worker killed mid-task, a broker that is down during a request, a task that always crashes."""

import asyncio
import time

from pydantic import SecretStr
from sqlalchemy import func, select

from cashbook.kit.db import session_scope
from cashbook.models import CronRun, EmailOutbox, ExchangeRate
from cashbook.worker.app import celery_app_for
from cashbook.worker.delivery import MAX_DELIVERIES
from tests.conftest import UNIRATE_KEY
from tests.factories import link_token, mail_text, parse_mail, read_mail
from tests.worker.conftest import wait_until

CRON = {"Authorization": "Bearer cron-secret-for-tests"}
NEW_USER = {
    "email": "worker@example.com",
    "password": "a long new password",
    "first_name": "Wanda",
    "last_name": "Worker",
}


async def scalar(app, statement):
    async with session_scope(app.state.sessionmaker) as session:
        return (await session.execute(statement)).scalar()


async def wait_for_run(app, job: str) -> CronRun:
    async with asyncio.timeout(60):
        while True:
            run = await scalar(app, select(CronRun).where(CronRun.job == job))
            if run is not None and run.status != "pending":
                return run
            await asyncio.sleep(0.2)


async def verify_with_the_mailed_link(client, envelope) -> None:
    message = parse_mail(envelope.content)
    assert message["To"] == NEW_USER["email"]
    verified = await client.post("/auth/verify", json={"token": link_token(message)})
    assert verified.status_code == 200
    assert verified.json()["is_verified"] is True


async def test_a_worker_delivers_the_verification_and_reset_emails(
    app, client, settings, smtp_server, start_worker
):
    settings.smtp_host, settings.smtp_port = smtp_server.hostname, smtp_server.port
    worker = start_worker()
    assert (await client.post("/auth/register", json=NEW_USER)).status_code == 201

    wait_until(lambda: smtp_server.messages, timeout=30)
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == [NEW_USER["email"]]
    await verify_with_the_mailed_link(client, envelope)
    worker.wait_for('"template": "verify-email"')  # it was the worker that sent it
    row = await scalar(app, select(EmailOutbox))
    assert row.sent_at is not None and row.context is None

    forgot = await client.post("/auth/forgot-password", json={"email": NEW_USER["email"]})
    assert forgot.status_code == 202
    wait_until(lambda: len(smtp_server.messages) == 2, timeout=30)
    reset_mail = parse_mail(smtp_server.messages[1].content)
    assert "/app/reset-password?token=" in mail_text(reset_mail)
    reset = await client.post(
        "/auth/reset-password",
        json={"token": link_token(reset_mail), "password": "a brand new passphrase"},
    )
    assert reset.status_code == 200
    assert read_mail(settings.data_dir) == []  # SMTP, not the mail folder


async def test_a_worker_killed_mid_task_is_redelivered_and_the_effect_happens_once(
    app, client, settings, unirate, start_worker
):
    settings.unirate_url, settings.unirate_api_key = unirate.url, SecretStr(UNIRATE_KEY)
    unirate.hold_next_rates_request()
    first = start_worker()
    triggered = await client.post("/internal/cron/rates-snapshot", headers=CRON)
    assert triggered.status_code == 202
    unirate.wait_for_requests(1)  # the task is in the middle of fetching the rates
    first.kill()
    unirate.release()

    second = start_worker()
    run = await wait_for_run(app, "rates-snapshot")
    assert run.status == "done"
    assert unirate.requests == ["/api/rates", "/api/rates"]  # delivered again, run again
    rows = await scalar(app, select(func.count()).select_from(ExchangeRate))
    assert rows == len(unirate.rates)  # stored once
    assert await scalar(app, select(func.count()).select_from(CronRun)) == 1
    assert UNIRATE_KEY not in first.output + second.output


async def test_mail_survives_a_broker_outage_and_goes_out_when_it_is_back(
    app, client, settings, smtp_server, broker, start_worker
):
    settings.smtp_host, settings.smtp_port = smtp_server.hostname, smtp_server.port
    settings.outbox_grace_seconds = 0
    settings.broker_url_override = SecretStr(broker.unreachable_url())
    try:
        started = time.monotonic()
        registered = await client.post("/auth/register", json=NEW_USER)
        assert registered.status_code == 201  # the request does not depend on the broker
        assert time.monotonic() - started < 20
        row = await scalar(app, select(EmailOutbox))
        assert row.sent_at is None  # kept in the outbox

        broker.come_back()
        start_worker()
        # The next drain (cron or beat) finds the message whose job was never published.
        drained = await client.post("/internal/cron/outbox-drain", headers=CRON)
        assert drained.status_code == 202
        wait_until(lambda: smtp_server.messages, timeout=30)
        [envelope] = smtp_server.messages
        await verify_with_the_mailed_link(client, envelope)
    finally:
        broker.stop_proxy()


async def test_a_task_that_always_crashes_is_dead_lettered_and_the_queue_flows(
    app, client, settings, smtp_server, broker, start_worker, tmp_path
):
    settings.smtp_host, settings.smtp_port = smtp_server.hostname, smtp_server.port
    deliveries = tmp_path / "deliveries"
    start_worker("--include", "tests.worker.poison")
    celery_app_for(settings).send_task("tests.poison", args=[str(deliveries)], queue="default")
    # Behind it, in the same queue and the mail queue, ordinary work.
    assert (await client.post("/internal/cron/outbox-drain", headers=CRON)).status_code == 202
    assert (await client.post("/auth/register", json=NEW_USER)).status_code == 201

    dead = wait_until(broker.dead_letters, timeout=90, interval=0.5)
    assert [headers["task"] for headers in dead] == ["tests.poison"]
    attempts = deliveries.read_text().split()
    assert 2 <= len(attempts) <= MAX_DELIVERIES
    assert len(set(attempts)) == len(attempts)  # each delivery killed its own process

    run = await wait_for_run(app, "outbox-drain")
    assert run.status == "done"
    wait_until(lambda: smtp_server.messages, timeout=30)
    await verify_with_the_mailed_link(client, smtp_server.messages[0])

"""The outbox: an email exists exactly when the change that caused it commits, is sent after
the commit, and what was left behind (broker down, worker lost) is sent by the drain."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from cashbook.cron.admin import run_job_now
from cashbook.kit.db import session_scope
from cashbook.models import EmailOutbox, User
from cashbook.models.base import utcnow
from cashbook.notifications import messages
from cashbook.notifications.service import MailService, mail_delivery
from cashbook.users.repository import UserRepository
from cashbook.worker.jobs import JobContext, TransientError
from tests.conftest import free_port
from tests.factories import create_user, link_token, mail_html, mail_text, read_mail

LINK = "http://127.0.0.1:8000/app/verify?token=abc"
NAMES = {"first_name": "Ada", "last_name": "Lovelace"}


async def outbox(app) -> list[EmailOutbox]:
    async with session_scope(app.state.sessionmaker) as session:
        rows = await session.execute(select(EmailOutbox).order_by(EmailOutbox.created_at))
        return list(rows.scalars())


async def test_sent_after_commit_and_not_before(app, settings):
    user = await create_user(app, "after@example.com")
    async with session_scope(app.state.sessionmaker) as session:
        await MailService(settings, session).send(
            messages.verify_email(user.email, "After", LINK, user.id)
        )
        assert read_mail(settings.data_dir) == []  # still inside the unit of work
    [message] = read_mail(settings.data_dir)
    assert message["To"] == "after@example.com"
    assert message["Subject"] == "Confirm your email for Cashbook"
    assert LINK in mail_text(message) and LINK in mail_html(message)
    [row] = await outbox(app)
    assert row.sent_at is not None and row.attempts == 1
    assert row.context is None  # the one-time link is not kept once the email is out


async def test_a_rolled_back_change_sends_nothing(app, settings):
    user = await create_user(app, "rollback@example.com")
    with pytest.raises(RuntimeError):
        async with session_scope(app.state.sessionmaker) as session:
            await MailService(settings, session).send(
                messages.verify_email(user.email, "Rollback", LINK, user.id)
            )
            raise RuntimeError("the change failed")
    assert await outbox(app) == []
    assert read_mail(settings.data_dir) == []


async def test_a_failed_registration_leaves_no_email(client, settings):
    body = {"email": "dup@example.com", "password": "long enough 123"} | NAMES
    assert (await client.post("/auth/register", json=body)).status_code == 201
    assert (await client.post("/auth/register", json=body)).status_code == 400
    assert len(read_mail(settings.data_dir)) == 1


async def queue_unsent(app, settings, email: str, age: timedelta) -> EmailOutbox:
    """An outbox row whose own job never ran (as when the broker was down)."""
    async with session_scope(app.state.sessionmaker) as session:
        row = EmailOutbox(
            to_address=email,
            template="reset-password",
            context=json.dumps({"name": "Left", "link": LINK}),
            created_at=utcnow() - age,
        )
        session.add(row)
    return row


async def test_the_drain_sends_what_was_left_and_only_once(app, settings):
    await queue_unsent(app, settings, "old@example.com", timedelta(minutes=10))
    await queue_unsent(app, settings, "fresh@example.com", timedelta(seconds=5))
    reports: list[tuple[int, int]] = []
    summary = await run_job_now(settings, "outbox-drain", lambda *p: reports.append(p))
    # The fresh one may still have its own job in flight: it waits for the grace period.
    assert [m["To"] for m in read_mail(settings.data_dir)] == ["old@example.com"]
    assert summary == "sent 1, not sent 0 of 1 waiting"
    assert reports == [(1, 1)]
    assert await run_job_now(settings, "outbox-drain", lambda *p: None) == (
        "sent 0, not sent 0 of 0 waiting"
    )
    assert len(read_mail(settings.data_dir)) == 1


async def deliver(app, settings, row_id):
    async with session_scope(app.state.sessionmaker) as session:
        context = JobContext(session, settings, app.state.sessionmaker)
        return await mail_delivery.deliver(context, row_id)


async def test_delivery_is_idempotent(app, settings):
    row = await queue_unsent(app, settings, "twice@example.com", timedelta(0))
    assert await deliver(app, settings, row.id) is True
    assert await deliver(app, settings, row.id) is False
    assert len(read_mail(settings.data_dir)) == 1


async def test_a_message_held_by_another_worker_is_retried_later(app, settings):
    row = await queue_unsent(app, settings, "held@example.com", timedelta(0))
    async with session_scope(app.state.sessionmaker) as session:
        await session.execute(
            update(EmailOutbox).values(claimed_until=utcnow() + timedelta(minutes=1))
        )
    with pytest.raises(TransientError):
        await deliver(app, settings, row.id)
    assert read_mail(settings.data_dir) == []


async def test_an_smtp_outage_is_retried_and_recorded(app, settings, smtp_server):
    row = await queue_unsent(app, settings, "smtp@example.com", timedelta(minutes=10))
    settings.smtp_host, settings.smtp_port = "127.0.0.1", free_port()  # nothing listens
    with pytest.raises(TransientError):
        await deliver(app, settings, row.id)
    [stored] = await outbox(app)
    assert (stored.attempts, stored.sent_at, stored.claimed_until) == (1, None, None)
    assert stored.last_error == "SMTPConnectError"
    # The server is back: the drain sends it there.
    settings.smtp_port = smtp_server.port
    await run_job_now(settings, "outbox-drain", lambda *p: None)
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["smtp@example.com"]
    assert b"reset-password" not in envelope.content  # rendered, not the template's name
    [stored] = await outbox(app)
    assert stored.sent_at is not None and stored.attempts == 2


async def test_a_message_that_keeps_failing_is_given_up(app, settings, monkeypatch):
    monkeypatch.setattr("cashbook.notifications.service.MAX_ATTEMPTS", 2)
    row = await queue_unsent(app, settings, "never@example.com", timedelta(minutes=10))
    settings.smtp_host, settings.smtp_port = "127.0.0.1", free_port()
    with pytest.raises(TransientError):
        await deliver(app, settings, row.id)
    assert await deliver(app, settings, row.id) is False  # second failure: given up
    [stored] = await outbox(app)
    assert stored.failed_at is not None
    assert await run_job_now(settings, "outbox-drain", lambda *p: None) == (
        "sent 0, not sent 0 of 0 waiting"
    )


async def test_deleting_the_account_deletes_its_waiting_mail(app):
    user = await create_user(app, "gone@example.com")
    async with session_scope(app.state.sessionmaker) as session:
        session.add(EmailOutbox(user_id=user.id, to_address=user.email, template="verify-email"))
    async with session_scope(app.state.sessionmaker) as session:
        await UserRepository(session, User).delete(user)
    assert await outbox(app) == []


async def test_verification_link_from_the_outbox_mail_works(client, settings):
    body = {"email": "link@example.com", "password": "long enough 123"} | NAMES
    await client.post("/auth/register", json=body)
    [message] = read_mail(settings.data_dir)
    verified = await client.post("/auth/verify", json={"token": link_token(message)})
    assert verified.json()["is_verified"] is True


async def test_a_message_that_cannot_be_rendered_is_given_up_at_once(app, settings):
    async with session_scope(app.state.sessionmaker) as session:
        row = EmailOutbox(to_address="x@example.com", template="verify-email", context="{}")
        session.add(row)
    assert await deliver(app, settings, row.id) is False
    [stored] = await outbox(app)
    assert stored.failed_at is not None and stored.last_error == "UndefinedError"
    assert read_mail(settings.data_dir) == []

"""Email: callers ask for a message in their own unit of work; a worker sends it.

`MailService.send` writes an outbox row in the caller's session and enqueues the send for
after the commit, so the email exists exactly when the change that caused it does, and
survives a broker that is down. The worker renders the templates and sends over SMTP when
`SMTP_HOST` is set, otherwise into the mail folder. A periodic drain sends what is left.

Delivery is at least once: a worker killed after the SMTP server accepted a message but
before it recorded that may send it again.
"""

import email.utils
import json
import os
import time
import uuid
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import aiosmtplib
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.config import Settings
from cashbook.kit.db import session_scope
from cashbook.kit.metrics import EMAILS
from cashbook.models import EmailOutbox
from cashbook.models.base import utcnow
from cashbook.notifications.messages import Email
from cashbook.notifications.render import Rendered, render
from cashbook.notifications.repository import OutboxRepository
from cashbook.worker.jobs import JobContext, TransientError, enqueue_job

log = structlog.get_logger(__name__)

SEND_JOB = "notifications.send_email"
# How long a worker may hold a message it is sending (longer than the send's time limit).
CLAIM_SECONDS = 120
MAX_ATTEMPTS = 10


def to_mime(rendered: Rendered, to: str, sender: str) -> EmailMessage:
    mime = EmailMessage()
    mime["From"] = sender
    mime["To"] = to
    mime["Subject"] = rendered.subject
    mime["Date"] = email.utils.formatdate(localtime=False)
    mime["Message-ID"] = email.utils.make_msgid(domain="cashbook.local")
    # 8bit UTF-8, not quoted-printable: the text part of a message in the mail folder reads as
    # written, and a link in it can be copied (SMTP servers take 8bit through 8BITMIME).
    mime.set_content(rendered.text, cte="8bit")
    mime.add_alternative(rendered.html, subtype="html")
    return mime


class MailService:
    """What the rest of the app calls to send an email."""

    def __init__(self, settings: Settings, session: AsyncSession) -> None:
        self.settings = settings
        self.session = session

    async def send(self, message: Email) -> None:
        row = await OutboxRepository(self.session).add(
            EmailOutbox(
                user_id=message.user_id,
                to_address=message.to,
                template=message.template,
                context=json.dumps(message.context),
                language=message.language,
            )
        )
        enqueue_job(self.session, SEND_JOB, str(row.id))


class MailDelivery:
    """The worker's side: render, send, record; and drain what was left behind."""

    async def deliver(self, ctx: JobContext, outbox_id: uuid.UUID) -> bool:
        """Send one outbox message; False when there was nothing (left) to send."""
        now = utcnow()
        sessionmaker = ctx.sessionmaker
        # The claim commits on its own, before the slow part, so other workers see it.
        async with session_scope(sessionmaker) as claim_session:
            claims = OutboxRepository(claim_session)
            claimed = await claims.claim(outbox_id, now, now + timedelta(seconds=CLAIM_SECONDS))
            row = await claims.get(outbox_id)
        if row is None or row.sent_at is not None or row.failed_at is not None:
            return False
        if not claimed:
            raise TransientError("another worker is sending this message")
        try:
            rendered = render(row.template, json.loads(row.context or "{}"), row.language)
        except Exception as error:  # noqa: BLE001 - a bug, not an outage: retrying won't help
            async with session_scope(sessionmaker) as release_session:
                await OutboxRepository(release_session).release(
                    outbox_id, type(error).__name__, failed_at=utcnow()
                )
            log.error("email cannot be rendered", template=row.template, error=type(error).__name__)
            return False
        try:
            await self._transmit(ctx.settings, rendered, row.to_address, row.template)
        except (OSError, aiosmtplib.SMTPException) as error:
            given_up = row.attempts >= MAX_ATTEMPTS
            async with session_scope(sessionmaker) as release_session:
                await OutboxRepository(release_session).release(
                    outbox_id, type(error).__name__, failed_at=utcnow() if given_up else None
                )
            log.warning("email not sent", template=row.template, attempt=row.attempts)
            EMAILS.labels(row.template, "failure").inc()
            if given_up:
                return False
            raise TransientError(f"sending failed: {type(error).__name__}") from error
        await OutboxRepository(ctx.session).mark_sent(outbox_id, utcnow())
        EMAILS.labels(row.template, "success").inc()
        return True

    async def drain(self, ctx: JobContext) -> str:
        """Send the messages whose own job never ran (broker down, worker lost)."""
        now = utcnow()
        cutoff = now - timedelta(seconds=ctx.settings.outbox_grace_seconds)
        pending = await OutboxRepository(ctx.session).pending_ids(cutoff, now)
        sent = failed = 0
        for done, outbox_id in enumerate(pending, start=1):
            try:
                sent += await self.deliver(ctx, outbox_id)
            except TransientError:
                failed += 1
            ctx.progress(done, len(pending))
        if pending:
            log.info("outbox drained", sent=sent, failed=failed)
        return f"sent {sent}, not sent {failed} of {len(pending)} waiting"

    async def _transmit(
        self, settings: Settings, rendered: Rendered, to: str, template: str
    ) -> None:
        mime = to_mime(rendered, to, settings.smtp_from)
        if settings.smtp_host:
            await aiosmtplib.send(
                mime,
                hostname=settings.smtp_host,
                port=settings.smtp_port,
                username=settings.smtp_username or None,
                password=settings.smtp_password.get_secret_value() or None,
                use_tls=settings.smtp_use_ssl,
                start_tls=settings.smtp_use_tls,
                timeout=30,
            )
            log.info("email sent", template=template, transport="smtp")
        else:
            path = self._write_to_folder(settings.mail_dir, mime)
            log.info("email written", template=template, path=str(path))

    @staticmethod
    def _write_to_folder(folder: Path, mime: EmailMessage) -> Path:
        # Messages hold one-time links: owner-only whatever the process's umask.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Names sort by time, so the newest message is the last one listed.
        stamp = f"{time.strftime('%Y%m%dT%H%M%S')}.{time.time_ns() % 10**9:09d}"
        path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
        temporary = path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(mime.as_bytes())
        temporary.rename(path)  # a reader never sees half a message
        return path


mail_delivery = MailDelivery()

"""Sends email over SMTP when `SMTP_HOST` is set, otherwise into the mail folder.

The one entry point is `MailService.send`; callers never know which transport is used, so
moving delivery onto a worker changes this module only.
"""

import email.utils
import time
import uuid
from email.message import EmailMessage
from pathlib import Path

import aiosmtplib
import structlog

from cashbook.config import Settings
from cashbook.notifications.messages import Email

log = structlog.get_logger(__name__)


def to_mime(message: Email, sender: str) -> EmailMessage:
    mime = EmailMessage()
    mime["From"] = sender
    mime["To"] = message.to
    mime["Subject"] = message.subject
    mime["Date"] = email.utils.formatdate(localtime=False)
    mime["Message-ID"] = email.utils.make_msgid(domain="cashbook.local")
    mime.set_content(message.text)
    return mime


class MailService:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(self, message: Email) -> None:
        mime = to_mime(message, self.settings.smtp_from)
        if self.settings.smtp_host:
            await self._send_smtp(mime)
            log.info("email sent", template=message.template, transport="smtp")
        else:
            path = self._write_to_folder(mime)
            log.info("email written", template=message.template, path=str(path))

    async def _send_smtp(self, mime: EmailMessage) -> None:
        s = self.settings
        await aiosmtplib.send(
            mime,
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_username or None,
            password=s.smtp_password.get_secret_value() or None,
            use_tls=s.smtp_use_ssl,
            start_tls=s.smtp_use_tls,
            timeout=30,
        )

    def _write_to_folder(self, mime: EmailMessage) -> Path:
        folder = self.settings.mail_dir
        folder.mkdir(parents=True, exist_ok=True)
        # Names sort by time, so the newest message is the last one listed.
        path = folder / f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
        path.write_bytes(mime.as_bytes())
        return path

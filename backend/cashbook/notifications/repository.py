"""Every query on the email outbox."""

import uuid
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models import EmailOutbox


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, row: EmailOutbox) -> EmailOutbox:
        self.session.add(row)
        await self.session.flush()
        return row

    async def get(self, outbox_id: uuid.UUID) -> EmailOutbox | None:
        return await self.session.get(EmailOutbox, outbox_id)

    async def claim(self, outbox_id: uuid.UUID, now: datetime, until: datetime) -> bool:
        """Take an unsent message for sending unless another worker holds it."""
        result = await self.session.execute(
            update(EmailOutbox)
            .where(
                EmailOutbox.id == outbox_id,
                EmailOutbox.sent_at.is_(None),
                EmailOutbox.failed_at.is_(None),
                or_(EmailOutbox.claimed_until.is_(None), EmailOutbox.claimed_until < now),
            )
            .values(claimed_until=until, attempts=EmailOutbox.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    async def release(
        self, outbox_id: uuid.UUID, error: str, *, failed_at: datetime | None
    ) -> None:
        await self.session.execute(
            update(EmailOutbox)
            .where(EmailOutbox.id == outbox_id)
            .values(claimed_until=None, last_error=error[:500], failed_at=failed_at)
            .execution_options(synchronize_session=False)
        )

    async def mark_sent(self, outbox_id: uuid.UUID, now: datetime) -> None:
        # The context may hold a one-time link: it has no use once the message is out.
        await self.session.execute(
            update(EmailOutbox)
            .where(EmailOutbox.id == outbox_id)
            .values(sent_at=now, claimed_until=None, context=None, last_error=None)
            .execution_options(synchronize_session=False)
        )

    async def pending_ids(self, created_before: datetime, now: datetime) -> list[uuid.UUID]:
        statement = (
            select(EmailOutbox.id)
            .where(
                EmailOutbox.sent_at.is_(None),
                EmailOutbox.failed_at.is_(None),
                EmailOutbox.created_at < created_before,
                or_(EmailOutbox.claimed_until.is_(None), EmailOutbox.claimed_until < now),
            )
            .order_by(EmailOutbox.created_at)
        )
        return list((await self.session.execute(statement)).scalars())

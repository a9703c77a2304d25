import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models import LiveEvent


class LiveEventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def newest_id(self) -> int:
        return int((await self.session.execute(select(func.max(LiveEvent.id)))).scalar() or 0)

    async def after(
        self, after_id: int, limit: int, user_id: uuid.UUID | None = None
    ) -> Sequence[LiveEvent]:
        statement = select(LiveEvent).where(LiveEvent.id > after_id)
        if user_id is not None:
            statement = statement.where(LiveEvent.user_id == user_id)
        statement = statement.order_by(LiveEvent.id).limit(limit)
        return (await self.session.execute(statement)).scalars().all()

    async def purge(self, before: datetime) -> int:
        """Delete events written before `before`, except the newest: SQLite numbers a new row
        after the highest one left, and ids must never go back (clients and API processes
        remember the last id they saw)."""
        newest = await self.newest_id()
        result = await self.session.execute(
            delete(LiveEvent).where(LiveEvent.created_at < before, LiveEvent.id < newest)
        )
        return result.rowcount

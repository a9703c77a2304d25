from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models import LoginFailure
from cashbook.models.base import utcnow


class LoginFailureRepository:
    """Attempts counted against throttle keys (the table began with failed sign-ins only)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def count_since(self, key: str, since: datetime) -> tuple[int, datetime | None]:
        """How many attempts a key has had since a moment, and when the oldest of them was."""
        statement = select(func.count(), func.min(LoginFailure.created_at)).where(
            LoginFailure.key == key, LoginFailure.created_at >= since
        )
        count, oldest = (await self.session.execute(statement)).one()
        return count, oldest

    async def record(self, keys: list[str], *, forget_before: datetime) -> list[int]:
        """Record one attempt per key (pruning the keys' expired ones); their row ids."""
        expired = select(LoginFailure.id).where(
            LoginFailure.key.in_(keys), LoginFailure.created_at < forget_before
        )
        await self.remove(list((await self.session.scalars(expired)).all()))
        now = utcnow()
        rows = [LoginFailure(key=key, created_at=now) for key in keys]
        self.session.add_all(rows)
        await self.session.flush()
        return [row.id for row in rows]

    async def remove(self, ids: list[int]) -> None:
        # By primary key only: deleting by `key` would lock index gaps on MariaDB, and
        # concurrent attempts inserting into them would deadlock.
        if ids:
            await self.session.execute(delete(LoginFailure).where(LoginFailure.id.in_(ids)))

    async def forget(self, key: str) -> None:
        rows = select(LoginFailure.id).where(LoginFailure.key == key)
        await self.remove(list((await self.session.scalars(rows)).all()))

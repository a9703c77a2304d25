from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models import LoginFailure
from cashbook.models.base import utcnow


class LoginFailureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def count_since(self, key: str, since: datetime) -> tuple[int, datetime | None]:
        """How many failures a key has had since a moment, and when the oldest of them was."""
        statement = select(func.count(), func.min(LoginFailure.created_at)).where(
            LoginFailure.key == key, LoginFailure.created_at >= since
        )
        count, oldest = (await self.session.execute(statement)).one()
        return count, oldest

    async def record(self, keys: list[str], *, forget_before: datetime) -> None:
        now = utcnow()
        self.session.add_all(LoginFailure(key=key, created_at=now) for key in keys)
        await self.session.execute(
            delete(LoginFailure).where(
                LoginFailure.key.in_(keys), LoginFailure.created_at < forget_before
            )
        )
        await self.session.flush()

    async def forget(self, key: str) -> None:
        await self.session.execute(delete(LoginFailure).where(LoginFailure.key == key))

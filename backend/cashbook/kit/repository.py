"""What every repository of a person's own rows shares: reading only what the caller owns.

A row of someone else reads exactly like a row that does not exist, so the API answers 404
and never tells one person that another's id is real.
"""

import uuid
from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Select, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models.base import Base
from cashbook.models.name_key import name_key

M = TypeVar("M", bound=Base)


class OwnedRepository(Generic[M]):
    model: ClassVar[type[Any]]

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def owned(self, user_id: uuid.UUID) -> Select:
        return select(self.model).where(self.model.user_id == user_id)

    async def get(self, user_id: uuid.UUID, row_id: uuid.UUID) -> M | None:
        statement = self.owned(user_id).where(self.model.id == row_id)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def get_or_raise(self, user_id: uuid.UUID, row_id: uuid.UUID, error: Exception) -> M:
        row = await self.get(user_id, row_id)
        if row is None:
            raise error
        return row

    async def named(self, user_id: uuid.UUID, name: str) -> M | None:
        """The caller's row with this name in any case or Unicode form (models/name_key.py)."""
        statement = self.owned(user_id).where(self.model.name_key == name_key(name))
        return (await self.session.execute(statement)).scalars().first()

    async def list(self, user_id: uuid.UUID, *order_by: Any) -> Sequence[M]:
        statement = self.owned(user_id).order_by(*order_by, self.model.id)
        return (await self.session.execute(statement)).scalars().all()

    async def count_owned(self, user_id: uuid.UUID, ids: set[uuid.UUID]) -> int:
        if not ids:
            return 0
        statement = (
            select(func.count())
            .select_from(self.model)
            .where(self.model.user_id == user_id, self.model.id.in_(ids))
        )
        return (await self.session.execute(statement)).scalar_one()

    async def count(self, user_id: uuid.UUID) -> int:
        statement = (
            select(func.count()).select_from(self.model).where(self.model.user_id == user_id)
        )
        return (await self.session.execute(statement)).scalar_one()

    async def add_within(self, row: M, limit: int, error: Exception) -> M:
        """Add a row unless its owner has `limit` of them already (then raise `error`): what
        one person may create is bounded, and so is every listing and report over it."""
        if await self.count(row.user_id) >= limit:
            raise error
        return await self.add(row)

    async def add(self, row: M) -> M:
        self.session.add(row)
        await self.session.flush()
        return row

    async def update(self, row: M, values: dict[str, Any]) -> M:
        for key, value in values.items():
            setattr(row, key, value)
        await self.session.flush()
        return row

    async def delete(self, row: M) -> None:
        await self.session.execute(delete(self.model).where(self.model.id == row.id))
        await self.session.flush()

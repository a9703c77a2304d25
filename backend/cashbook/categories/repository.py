import uuid

from sqlalchemy import func

from cashbook.kit.repository import OwnedRepository
from cashbook.models import Category


class CategoryRepository(OwnedRepository[Category]):
    model = Category

    async def named(self, user_id: uuid.UUID, name: str) -> Category | None:
        statement = self.owned(user_id).where(func.lower(Category.name) == name.lower())
        return (await self.session.execute(statement)).scalars().first()

    async def add_many(self, rows: list[Category]) -> None:
        self.session.add_all(rows)
        await self.session.flush()

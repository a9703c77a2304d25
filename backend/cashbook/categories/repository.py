from cashbook.kit.repository import OwnedRepository
from cashbook.models import Category


class CategoryRepository(OwnedRepository[Category]):
    model = Category

    async def add_many(self, rows: list[Category]) -> None:
        self.session.add_all(rows)
        await self.session.flush()

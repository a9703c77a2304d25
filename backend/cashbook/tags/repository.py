import uuid

from sqlalchemy import func

from cashbook.kit.repository import OwnedRepository
from cashbook.models import Tag


class TagRepository(OwnedRepository[Tag]):
    model = Tag

    async def named(self, user_id: uuid.UUID, name: str) -> Tag | None:
        statement = self.owned(user_id).where(func.lower(Tag.name) == name.lower())
        return (await self.session.execute(statement)).scalars().first()

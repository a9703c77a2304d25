"""Tags: free labels; a transaction can carry any number of them."""

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.kit.errors import Conflict, LimitReached, NotFound
from cashbook.models import Tag, User
from cashbook.tags.repository import TagRepository
from cashbook.tags.schemas import TagCreate, TagUpdate

MAX_TAGS = 500


class TagNotFound(NotFound):
    code = "TAG_NOT_FOUND"


class TagNameTaken(Conflict):
    code = "TAG_NAME_TAKEN"


class TagService:
    async def list(self, session: AsyncSession, user: User) -> Sequence[Tag]:
        return await TagRepository(session).list(user.id, Tag.name)

    async def get(self, session: AsyncSession, user: User, tag_id: uuid.UUID) -> Tag:
        error = TagNotFound("No such tag.")
        return await TagRepository(session).get_or_raise(user.id, tag_id, error)

    async def _check_name(self, session: AsyncSession, user: User, name: str, keep=None) -> None:
        existing = await TagRepository(session).named(user.id, name)
        if existing is not None and existing.id != keep:
            raise TagNameTaken(f"You already have a tag called {existing.name!r}.")

    async def create(self, session: AsyncSession, user: User, data: TagCreate) -> Tag:
        await self._check_name(session, user, data.name)
        limit = LimitReached(
            f"You have {MAX_TAGS} tags, the most one person may have; delete some first.",
            code="TAG_LIMIT_REACHED",
        )
        tag = Tag(user_id=user.id, **data.model_dump())
        return await TagRepository(session).add_within(tag, MAX_TAGS, limit)

    async def update(
        self, session: AsyncSession, user: User, tag_id: uuid.UUID, changes: TagUpdate
    ) -> Tag:
        tag = await self.get(session, user, tag_id)
        values = {k: v for k, v in changes.model_dump(exclude_unset=True).items() if v is not None}
        if "name" in values:
            await self._check_name(session, user, values["name"], tag.id)
        return await TagRepository(session).update(tag, values)

    async def delete(self, session: AsyncSession, user: User, tag_id: uuid.UUID) -> None:
        """The tag comes off every transaction that had it."""
        await TagRepository(session).delete(await self.get(session, user, tag_id))


tag_service = TagService()

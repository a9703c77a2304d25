"""Every query about linked identities."""

import uuid

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models import OAuthIdentity


class IdentityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_subject(self, issuer: str, subject: str) -> OAuthIdentity | None:
        statement = select(OAuthIdentity).where(
            OAuthIdentity.issuer == issuer, OAuthIdentity.subject == subject
        )
        return await self.session.scalar(statement)

    async def get_for_user(
        self, user_id: uuid.UUID, identity_id: uuid.UUID
    ) -> OAuthIdentity | None:
        statement = select(OAuthIdentity).where(
            OAuthIdentity.id == identity_id, OAuthIdentity.user_id == user_id
        )
        return await self.session.scalar(statement)

    async def list_for_user(self, user_id: uuid.UUID) -> list[OAuthIdentity]:
        statement = (
            select(OAuthIdentity)
            .where(OAuthIdentity.user_id == user_id)
            .order_by(OAuthIdentity.created_at, OAuthIdentity.id)
        )
        return list(await self.session.scalars(statement))

    async def count_for_user(self, user_id: uuid.UUID) -> int:
        statement = select(func.count()).where(OAuthIdentity.user_id == user_id)
        return await self.session.scalar(statement) or 0

    async def create(
        self, user_id: uuid.UUID, provider: str, issuer: str, subject: str
    ) -> OAuthIdentity:
        identity = OAuthIdentity(user_id=user_id, provider=provider, issuer=issuer, subject=subject)
        self.session.add(identity)
        await self.session.flush()
        return identity

    async def delete(self, identity: OAuthIdentity) -> None:
        await self.session.execute(delete(OAuthIdentity).where(OAuthIdentity.id == identity.id))

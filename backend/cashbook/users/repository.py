"""Every query about users. The adapters flush and never commit: the caller's unit of work does."""

import uuid
from typing import Any

from fastapi_users_db_sqlalchemy import SQLAlchemyUserDatabase
from fastapi_users_db_sqlalchemy.access_token import SQLAlchemyAccessTokenDatabase
from sqlalchemy import delete

from cashbook.models import SessionToken, User


class UserRepository(SQLAlchemyUserDatabase[User, uuid.UUID]):
    async def create(self, create_dict: dict[str, Any]) -> User:
        user = User(**create_dict)
        self.session.add(user)
        await self.session.flush()
        return user

    async def update(self, user: User, update_dict: dict[str, Any]) -> User:
        for key, value in update_dict.items():
            setattr(user, key, value)
        await self.session.flush()
        return user

    async def delete(self, user: User) -> None:
        # Rows the user owns go with them through ON DELETE CASCADE foreign keys.
        await self.session.execute(delete(User).where(User.id == user.id))
        await self.session.flush()


class SessionTokenRepository(SQLAlchemyAccessTokenDatabase[SessionToken]):
    async def create(self, create_dict: dict[str, Any]) -> SessionToken:
        token = SessionToken(**create_dict)
        self.session.add(token)
        await self.session.flush()
        return token

    async def update(self, access_token: SessionToken, update_dict: dict[str, Any]) -> SessionToken:
        for key, value in update_dict.items():
            setattr(access_token, key, value)
        await self.session.flush()
        return access_token

    async def delete(self, access_token: SessionToken) -> None:
        await self.session.execute(
            delete(SessionToken).where(SessionToken.token == access_token.token)
        )
        await self.session.flush()

    async def delete_for_user(self, user_id: uuid.UUID, *, keep: str | None = None) -> None:
        statement = delete(SessionToken).where(SessionToken.user_id == user_id)
        if keep is not None:
            statement = statement.where(SessionToken.token != keep)
        await self.session.execute(statement)

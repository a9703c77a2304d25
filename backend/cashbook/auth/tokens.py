"""Bearer tokens that always expire."""

import uuid

import jwt
from fastapi_users import BaseUserManager
from fastapi_users.authentication import JWTStrategy

from cashbook.models import User


class ExpiringJWTStrategy(JWTStrategy[User, uuid.UUID]):
    """fastapi-users accepts a correctly signed token without `exp` forever; ours all expire."""

    async def read_token(
        self, token: str | None, user_manager: BaseUserManager[User, uuid.UUID]
    ) -> User | None:
        if token is None:
            return None
        try:
            jwt.decode(
                token,
                self.decode_key,
                audience=self.token_audience,
                algorithms=[self.algorithm],
                options={"require": ["exp", "sub", "aud"]},
            )
        except jwt.PyJWTError:
            return None
        return await super().read_token(token, user_manager)

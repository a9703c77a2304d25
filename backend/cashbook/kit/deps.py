"""Typed dependencies shared by every domain."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.config import Settings
from cashbook.kit.db import session_scope


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with session_scope(request.app.state.sessionmaker) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
# scope="function": the session commits before the response is sent, so a client never sees
# a success for something that was not stored.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]

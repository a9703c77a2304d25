"""Sessions that publish their jobs after commit: to the broker, or (`JOBS_INLINE`, tests) run
in this process."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cashbook.config import Settings
from cashbook.kit.db import create_engine, create_sessionmaker
from cashbook.worker.app import BrokerPublisher
from cashbook.worker.jobs import PUBLISHER_KEY, InlinePublisher, JobPublisher


def publisher_for(settings: Settings) -> JobPublisher:
    if settings.jobs_inline:
        return InlinePublisher(settings)
    return BrokerPublisher(settings)


def job_sessionmaker(engine: Any, settings: Settings) -> async_sessionmaker[AsyncSession]:
    """A sessionmaker whose sessions publish their jobs after commit as `settings` say."""
    publisher = publisher_for(settings)
    sessionmaker = create_sessionmaker(engine, info={PUBLISHER_KEY: publisher})
    if isinstance(publisher, InlinePublisher):
        publisher.sessionmaker = sessionmaker
    return sessionmaker


@asynccontextmanager
async def command_sessions(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """What a command-line helper works in: an engine of its own and sessions that publish
    their jobs after commit; each `session_scope(...)` of it is one unit of work."""
    engine = create_engine(settings)
    try:
        yield job_sessionmaker(engine, settings)
    finally:
        await engine.dispose()

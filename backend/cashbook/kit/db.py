"""Engines and sessions. The request's session commits or rolls back once, here."""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import structlog
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from cashbook.config import Settings

log = structlog.get_logger(__name__)
_AFTER_COMMIT = "cashbook.after_commit"


def _sqlite_pragmas(lock_timeout_ms: int) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # Foreign keys carry ON DELETE CASCADE (deleting a user removes what they own); WAL
        # lets the worker read while the API writes; the busy timeout waits for a lock
        # instead of failing at once.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(lock_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def create_engine(settings: Settings) -> AsyncEngine:
    url = settings.sqlalchemy_url
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, echo=settings.database_echo)
        event.listen(
            engine.sync_engine, "connect", _sqlite_pragmas(settings.database_lock_timeout_ms)
        )
        return engine
    return create_async_engine(
        url,
        echo=settings.database_echo,
        pool_pre_ping=True,
        # Below MariaDB's wait_timeout and MaxScale's idle timeouts.
        pool_recycle=1800,
        pool_size=10,
        max_overflow=10,
    )


def create_sessionmaker(
    engine: AsyncEngine, info: dict[str, Any] | None = None
) -> async_sessionmaker[AsyncSession]:
    """`info` is copied into every session (e.g. where its jobs are published)."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False, info=info)


def after_commit(session: AsyncSession, callback: Callable[[], Awaitable[None]]) -> None:
    """Run `callback` once the session's unit of work has committed; drop it on rollback."""
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)


@asynccontextmanager
async def session_scope(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit when the body finished, roll back when it raised."""
    async with sessionmaker() as session:
        try:
            yield session
        except BaseException:
            session.info.pop(_AFTER_COMMIT, None)
            await session.rollback()
            raise
        else:
            await session.commit()
            for callback in session.info.pop(_AFTER_COMMIT, []):
                try:
                    await callback()
                except Exception:  # noqa: BLE001 - the commit stands; the callback reports itself
                    log.exception("after-commit callback failed")


def is_sqlite(engine: AsyncEngine | Engine) -> bool:
    return engine.dialect.name == "sqlite"

"""Alembic environment: runs migrations over the app's own async engine."""

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from cashbook.config import get_settings
from cashbook.kit.db import create_engine
from cashbook.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite can't ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode copies a table and drops the old one; with foreign keys enforced, that
        # drop would cascade into every table that refers to it and delete their rows.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    _configure(connection)
    try:
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


async def _run_online() -> None:
    settings = config.attributes.get("settings") or get_settings()
    engine = create_engine(settings)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_online())

"""`cashbook import`: a statement file into an account from the command line, in this
process, through the same import job a worker runs."""

import asyncio
import uuid
from pathlib import Path

from cashbook.config import Settings
from cashbook.imports.schemas import ImportRead
from cashbook.imports.service import IMPORT_JOB, import_service
from cashbook.kit.db import create_engine, session_scope
from cashbook.kit.encryption import keys_for
from cashbook.models import Account, StatementImport
from cashbook.worker.jobs import Progress, job_sessionmaker, run_job


async def import_file(
    settings: Settings,
    path: Path,
    account_id: uuid.UUID,
    format: str | None,
    mapping: str | None,
    progress: Progress,
) -> ImportRead:
    keys = keys_for(settings)
    data = await asyncio.to_thread(path.read_bytes)
    engine = create_engine(settings)
    try:
        sessionmaker = job_sessionmaker(engine, settings)
        async with session_scope(sessionmaker) as session:
            account = await session.get(Account, account_id)
            if account is None:
                raise LookupError(f"no account with the id {account_id}")
            row = await import_service.create(
                session,
                keys,
                settings,
                account.user_id,
                account.id,
                data,
                path.name,
                format,
                mapping,
                enqueue=False,  # this process runs it, with a progress bar
            )
        await run_job(sessionmaker, settings, IMPORT_JOB, [str(row.id)], progress)
        async with session_scope(sessionmaker) as session:
            done = await session.get(StatementImport, row.id)
            assert done is not None
            return import_service.read(keys, done)
    finally:
        await engine.dispose()

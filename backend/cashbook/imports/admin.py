"""`cashbook import`: a statement file into an account from the command line, in this
process, through the same import job a worker runs."""

import uuid
from pathlib import Path

from cashbook.config import Settings
from cashbook.imports.schemas import ImportRead
from cashbook.imports.service import IMPORT_JOB, import_service
from cashbook.kit.db import session_scope
from cashbook.kit.encryption import keys_for
from cashbook.models import Account, StatementImport
from cashbook.worker.jobs import Progress, run_job
from cashbook.worker.publishing import command_sessions


async def import_file(
    settings: Settings,
    path: Path,
    account_id: uuid.UUID,
    format: str | None,
    mapping: str | None,
    progress: Progress,
) -> ImportRead:
    keys = keys_for(settings)
    async with command_sessions(settings) as sessionmaker:
        async with session_scope(sessionmaker) as session:
            account = await session.get(Account, account_id)
            if account is None:
                raise LookupError(f"no account with the id {account_id}")
            with path.open("rb") as file:
                row = await import_service.create(
                    session,
                    keys,
                    settings,
                    account.user_id,
                    account.id,
                    file,
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

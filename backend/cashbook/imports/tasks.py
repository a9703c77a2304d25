import uuid

from sqlalchemy.exc import IntegrityError

from cashbook.imports.service import IMPORT_JOB, import_service
from cashbook.kit.db import session_scope
from cashbook.worker.jobs import JobContext, TransientError, job


async def give_up(ctx: JobContext, import_id: str) -> None:
    await import_service.give_up(ctx.session, uuid.UUID(import_id))


@job(IMPORT_JOB, queue="default", on_give_up=give_up)
async def run_import(ctx: JobContext, import_id: str) -> None:
    """The task owns the units of work: the claim commits on its own (other workers must see
    it at once), the import commits `ctx.session` after each chunk it stores, and entries a
    bank sync stored meanwhile make it run again."""
    row_id = uuid.UUID(import_id)
    async with session_scope(ctx.sessionmaker) as session:
        if not await import_service.claim(session, row_id):
            return  # done already, or another worker has it
    try:
        await import_service.run(
            ctx.session, ctx.settings, row_id, ctx.progress, ctx.session.commit
        )
    except IntegrityError:
        # A bank sync of the same account stored some of these entries a moment ago: the
        # chunk is undone and the import runs again (it will find them stored).
        await ctx.session.rollback()
        async with session_scope(ctx.sessionmaker) as session:
            await import_service.requeue(session, row_id)
        raise TransientError("entries were stored concurrently; the import runs again") from None

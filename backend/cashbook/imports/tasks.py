import uuid

from cashbook.imports.service import IMPORT_JOB, import_service
from cashbook.worker.jobs import JobContext, job


@job(IMPORT_JOB, queue="default", on_give_up=import_service.give_up)
async def run_import(ctx: JobContext, import_id: str) -> None:
    # The task owns the unit of work: the import commits it after each chunk it stores.
    await import_service.run(ctx, uuid.UUID(import_id), ctx.progress, ctx.session.commit)

import uuid

from cashbook.banking.service import SYNC_JOB
from cashbook.banking.sync import sync_service
from cashbook.worker.jobs import JobContext, job


@job(SYNC_JOB, queue="bank", on_give_up=sync_service.give_up, max_retries=6)
async def sync_connection(ctx: JobContext, connection_id: str, run_id: str) -> None:
    await sync_service.run(ctx, uuid.UUID(connection_id), uuid.UUID(run_id))

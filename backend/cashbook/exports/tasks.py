import uuid

from cashbook.exports.service import EXPORT_JOB, export_service
from cashbook.worker.jobs import JobContext, job


@job(EXPORT_JOB, queue="default")
async def build_export(ctx: JobContext, export_id: str) -> None:
    await export_service.build(ctx, uuid.UUID(export_id))

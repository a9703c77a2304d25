import uuid

from cashbook.notifications.service import SEND_JOB, mail_delivery
from cashbook.worker.jobs import MAIL_QUEUE, JobContext, job


@job(SEND_JOB, queue=MAIL_QUEUE, soft_time_limit=60, time_limit=90, max_retries=6)
async def send_email(ctx: JobContext, outbox_id: str) -> None:
    await mail_delivery.deliver(ctx, uuid.UUID(outbox_id))

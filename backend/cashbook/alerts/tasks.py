import uuid

from cashbook.alerts.kinds import CHECK_JOB
from cashbook.alerts.service import alert_service
from cashbook.worker.jobs import JobContext, job


@job(CHECK_JOB, soft_time_limit=120, time_limit=180)
async def check_alerts(ctx: JobContext, user_id: str) -> None:
    await alert_service.check(ctx.session, ctx.settings, uuid.UUID(user_id))

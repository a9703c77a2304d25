from cashbook.cron.service import RUN_JOB, cron_service
from cashbook.models.base import utcnow
from cashbook.worker.jobs import JobContext, job


@job(RUN_JOB, on_give_up=cron_service.give_up)
async def run_cron_job(ctx: JobContext, run_id: int) -> None:
    await cron_service.run(ctx, run_id)


@job("cron.trigger", soft_time_limit=60, time_limit=90)
async def trigger_cron_job(ctx: JobContext, name: str) -> None:
    """What beat sends: the same trigger as the internal endpoint's."""
    await cron_service.trigger(ctx.session, name, utcnow())

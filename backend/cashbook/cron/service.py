"""Periodic jobs, triggered per time slot by the cluster's CronJob (through the internal
endpoint) or by beat on one machine. A (job, slot) record makes every further trigger of the
same slot a no-op, so the two triggers, or a retried one, run a job once."""

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.alerts.summary import send_monthly_summaries
from cashbook.banking.service import connection_service
from cashbook.config import Settings
from cashbook.cron.repository import CronRunRepository
from cashbook.exports.service import export_service
from cashbook.imports.service import import_service
from cashbook.kit.errors import CashbookError, NotFound
from cashbook.ledger.lifecycle import lifecycle_service
from cashbook.live.service import prune_events
from cashbook.models import CronRun
from cashbook.models.base import utcnow
from cashbook.notifications.service import mail_delivery
from cashbook.rates.service import rates_service
from cashbook.worker.jobs import JobContext, enqueue_job

RUN_JOB = "cron.run"
# A run still pending this long after it was triggered was never picked up (its job was not
# published: the broker was down); longer than any job's time limit.
STALE_AFTER = timedelta(minutes=30)


@dataclass(frozen=True)
class CronJob:
    name: str
    period: timedelta
    run: Callable[[JobContext], Awaitable[str]]

    def slot(self, now: datetime) -> str:
        """The time slot `now` falls in, e.g. "2026-11-21" for a daily job."""
        seconds = int(self.period.total_seconds())
        start = datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, UTC)
        if seconds % 86400 == 0:
            return start.date().isoformat()
        return start.strftime("%Y-%m-%dT%H:%M")


CRON_JOBS = {
    job.name: job
    for job in (
        CronJob("rates-snapshot", timedelta(days=1), rates_service.snapshot),
        CronJob("outbox-drain", timedelta(minutes=5), mail_delivery.drain),
        CronJob("bank-sync", timedelta(minutes=15), connection_service.enqueue_due),
        CronJob("imports-resend", timedelta(minutes=15), import_service.resend_lost),
        CronJob("exports-expire", timedelta(hours=1), export_service.expire),
        CronJob("transactions-purge", timedelta(days=1), lifecycle_service.purge),
        CronJob("monthly-summary", timedelta(days=1), send_monthly_summaries),
        CronJob("live-events-prune", timedelta(hours=1), prune_events),
    )
}


class UnknownJob(NotFound):
    code = "UNKNOWN_JOB"


class CronDisabled(CashbookError):
    status_code = 403
    code = "CRON_DISABLED"


class CronTokenInvalid(CashbookError):
    status_code = 401
    code = "CRON_TOKEN_INVALID"


@dataclass(frozen=True, slots=True)
class Trigger:
    run: CronRun
    created: bool


def get_job(name: str) -> CronJob:
    job = CRON_JOBS.get(name)
    if job is None:
        raise UnknownJob(f"No cron job named {name!r}; known: {', '.join(sorted(CRON_JOBS))}.")
    return job


class CronService:
    def check_token(self, settings: Settings, presented: str | None) -> None:
        expected = settings.cron_token.get_secret_value()
        if not expected:
            raise CronDisabled("The cron endpoint is off: CRON_TOKEN is not set.")
        # Constant-time comparison: the time taken says nothing about how much matched.
        if presented is None or not hmac.compare_digest(presented.encode(), expected.encode()):
            raise CronTokenInvalid(
                "A valid cron token is needed (Authorization: Bearer <CRON_TOKEN>).",
                headers={"WWW-Authenticate": "Bearer"},
            )

    async def trigger(self, session: AsyncSession, name: str, now: datetime) -> Trigger:
        """Enqueue job `name` for the slot `now` falls in, unless that slot has run or is
        running; a slot whose run failed for good, or was never picked up, is tried again."""
        job = get_job(name)
        slot = job.slot(now)
        repository = CronRunRepository(session)
        run = await repository.create_once(job.name, slot)
        if run is None:
            run = await repository.find(job.name, slot)
            assert run is not None
            stale = run.status == "pending" and run.created_at < now - STALE_AFTER
            if run.status != "failed" and not stale:
                return Trigger(run, created=False)
            run.status, run.attempts, run.finished_at = "pending", run.attempts + 1, None
            await session.flush()
        enqueue_job(session, RUN_JOB, run.id)
        return Trigger(run, created=True)

    async def run(self, ctx: JobContext, run_id: int) -> None:
        """Run a triggered job; a run that is already done (a redelivery) does nothing."""
        run = await CronRunRepository(ctx.session).get(run_id)
        if run is None or run.status != "pending":
            return
        summary = await get_job(run.job).run(ctx)
        run.status, run.summary, run.finished_at = "done", summary[:500], utcnow()
        await ctx.session.flush()

    async def give_up(self, ctx: JobContext, run_id: int) -> None:
        run = await CronRunRepository(ctx.session).get(run_id)
        if run is not None and run.status == "pending":
            run.status, run.finished_at = "failed", utcnow()
            await ctx.session.flush()


cron_service = CronService()

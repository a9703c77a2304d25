"""Jobs: named async functions that take ids only, run by Celery or (in tests) in-process.

A request or a task never publishes a job itself. `enqueue_job` buffers it on the session, and
the session's unit of work publishes it after the commit (or drops it on rollback), so a worker
never looks for a row that is not committed yet and a rolled-back change sends nothing.
"""

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cashbook.config import Settings
from cashbook.kit.db import after_commit, session_scope

log = structlog.get_logger(__name__)

# The modules whose jobs a worker serves; importing one registers its jobs.
JOB_MODULES = (
    "cashbook.notifications.tasks",
    "cashbook.cron.tasks",
    "cashbook.banking.tasks",
    "cashbook.imports.tasks",
    "cashbook.exports.tasks",
    "cashbook.users.tasks",
    "cashbook.alerts.tasks",
    "cashbook.rules.tasks",
)
# Mail has a queue of its own, consumed by a worker of its own, so that an email (a
# verification link someone waits for) never queues behind an import or a bank sync.
MAIL_QUEUE = "email"
QUEUES = ("default", MAIL_QUEUE, "bank")
PUBLISHER_KEY = "cashbook.job_publisher"

JobId = str | int


class TransientError(Exception):
    """A failure worth retrying later (a server that did not answer, a 5xx, a rate limit)."""


Progress = Callable[[int, int], None]


@dataclass
class JobContext:
    session: AsyncSession
    settings: Settings
    # For the rare step that must commit on its own before the job goes on (a claim that
    # other workers must see); everything else belongs in `session`.
    sessionmaker: async_sessionmaker[AsyncSession]
    # Called with (done, total) by jobs that can tell; the CLI draws a progress bar from it.
    progress: Progress = field(default=lambda _done, _total: None)


@dataclass(frozen=True)
class JobSpec:
    name: str
    run: Callable[..., Awaitable[Any]]
    queue: str = "default"
    # Below RabbitMQ's consumer timeout (30 minutes by default): a task that outlives it would
    # have its channel closed under it and be delivered again while still running.
    soft_time_limit: int = 20 * 60
    time_limit: int = 25 * 60
    max_retries: int = 5
    # Runs in a unit of work of its own when the job failed for good (after its last retry).
    on_give_up: Callable[..., Awaitable[None]] | None = None


JOBS: dict[str, JobSpec] = {}


def job(name: str, **options: Any) -> Callable[[Callable[..., Awaitable[Any]]], JobSpec]:
    """Register an async function `(ctx, *ids)` as the job `name` (e.g. "rates.snapshot")."""

    def register(run: Callable[..., Awaitable[Any]]) -> JobSpec:
        if options.get("queue", "default") not in QUEUES:
            raise ValueError(f"unknown queue for job {name}")
        spec = JobSpec(name=name, run=run, **options)
        JOBS[name] = spec
        return spec

    return register


def load_jobs() -> dict[str, JobSpec]:
    for module in JOB_MODULES:
        importlib.import_module(module)
    return JOBS


class JobPublisher(Protocol):
    async def publish(self, jobs: list[tuple[str, tuple[JobId, ...]]]) -> None: ...


def enqueue_job(session: AsyncSession, name: str, *ids: JobId) -> None:
    """Publish job `name` with `ids` once the session commits; nothing happens on rollback."""
    if name not in load_jobs():
        raise LookupError(f"no job named {name}")
    publisher: JobPublisher | None = session.info.get(PUBLISHER_KEY)
    if publisher is None:
        raise RuntimeError("this session was not made by a job-aware sessionmaker")
    pending: list[tuple[str, tuple[JobId, ...]]] | None = session.info.get("cashbook.jobs")
    if pending is None:
        pending = session.info["cashbook.jobs"] = []

        async def flush() -> None:
            jobs = session.info.pop("cashbook.jobs", [])
            await publisher.publish(jobs)

        after_commit(session, flush)
    pending.append((name, ids))
    log.debug("job enqueued", job=name)


class InlinePublisher:
    """Runs each job right after the commit, in this process, each in its own unit of work."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sessionmaker: async_sessionmaker[AsyncSession] | None = None

    async def publish(self, jobs: list[tuple[str, tuple[JobId, ...]]]) -> None:
        assert self.sessionmaker is not None
        for name, ids in jobs:
            try:
                await run_job(self.sessionmaker, self.settings, name, ids)
            except Exception as error:  # noqa: BLE001 - as a worker would: record and go on
                log.warning("job failed", job=name, error=type(error).__name__)
                await give_up(self.sessionmaker, self.settings, name, ids)


async def run_job(
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    name: str,
    ids: tuple[JobId, ...] | list[JobId],
    progress: Progress | None = None,
) -> Any:
    """One job in one unit of work: its changes commit together when it returns."""
    spec = load_jobs()[name]
    async with session_scope(sessionmaker) as session:
        context = JobContext(session, settings, sessionmaker)
        if progress is not None:
            context.progress = progress
        return await spec.run(context, *ids)


async def give_up(
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    name: str,
    ids: tuple[JobId, ...] | list[JobId],
) -> None:
    spec = load_jobs()[name]
    if spec.on_give_up is not None:
        async with session_scope(sessionmaker) as session:
            await spec.on_give_up(JobContext(session, settings, sessionmaker), *ids)

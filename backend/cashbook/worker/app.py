"""The Celery application: queues, delivery guarantees, retries and the periodic schedule.

Guarantees, on RabbitMQ: quorum queues (replicated, survive a broker restart) with a delivery
limit and a dead-letter queue, so a message that keeps killing its worker is set aside instead
of looping; `acks_late` with `reject_on_worker_lost`, so a task whose worker died is delivered
again; time limits below RabbitMQ's consumer timeout. On one machine the broker is a SQLite file
(`cashbook.worker.embedded`) with the same delivery limit and dead-letter queue.
"""

import asyncio
from datetime import timedelta
from typing import Any

import structlog
from celery import Celery, Task
from celery.schedules import crontab
from kombu import Exchange, Queue

from cashbook.config import Settings
from cashbook.worker import embedded, runtime
from cashbook.worker.delivery import (
    DEAD_LETTER_EXCHANGE,
    DEAD_LETTER_QUEUE,
    DELIVERY_LIMIT,
)
from cashbook.worker.jobs import JOBS, QUEUES, JobId, JobSpec, TransientError, load_jobs

log = structlog.get_logger(__name__)

EXCHANGE = Exchange("cashbook", type="topic", durable=True)
# Beat's schedule: each entry triggers a cron job; the (job, slot) record makes extra triggers
# of the same slot no-ops, so beat can ask more often than the job runs.
BEAT_SCHEDULE = {
    "outbox-drain": {"task": "cron.trigger", "schedule": timedelta(minutes=5)},
    "rates-snapshot": {"task": "cron.trigger", "schedule": crontab(minute=7)},
    "bank-sync": {"task": "cron.trigger", "schedule": timedelta(minutes=15)},
    "imports-resend": {"task": "cron.trigger", "schedule": timedelta(minutes=15)},
    "exports-expire": {"task": "cron.trigger", "schedule": timedelta(hours=1)},
    "transactions-purge": {"task": "cron.trigger", "schedule": crontab(minute=37, hour=3)},
    # Daily: the first run of a month sends last month's summaries, later ones find them sent.
    "monthly-summary": {"task": "cron.trigger", "schedule": crontab(minute=37, hour=5)},
    "live-events-prune": {"task": "cron.trigger", "schedule": crontab(minute=23)},
}


def queues() -> list[Queue]:
    arguments = {
        "x-queue-type": "quorum",
        "x-delivery-limit": DELIVERY_LIMIT,
        "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE,
        "x-dead-letter-routing-key": DEAD_LETTER_QUEUE,
    }
    return [
        Queue(name, EXCHANGE, routing_key=name, durable=True, queue_arguments=arguments)
        for name in QUEUES
    ]


def dead_letter_queue() -> Queue:
    exchange = Exchange(DEAD_LETTER_EXCHANGE, type="direct", durable=True)
    return Queue(
        DEAD_LETTER_QUEUE,
        exchange,
        routing_key=DEAD_LETTER_QUEUE,
        durable=True,
        queue_arguments={"x-queue-type": "quorum"},
    )


class CashbookTask(Task):
    """Every job's Celery task: late acknowledgement, redelivery when the worker dies,
    retries with exponential backoff and jitter for transient errors."""

    acks_late = True
    reject_on_worker_lost = True
    # A task that failed for good is rejected rather than acknowledged: on RabbitMQ it goes
    # to the dead-letter queue, where an operator can look at it.
    acks_on_failure_or_timeout = False
    autoretry_for = (TransientError,)
    retry_backoff = 2
    retry_backoff_max = 10 * 60
    retry_jitter = True
    spec: JobSpec

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:  # noqa: ANN001 - Celery's
        log.error("job failed", job=self.name, task_id=task_id, error=type(exc).__name__)
        try:
            runtime.give_up(self.app, self.name, tuple(args))
        except Exception:  # noqa: BLE001 - the failure is already logged; don't mask it
            log.exception("could not record the failure", job=self.name)


def _register(app: Celery, spec: JobSpec) -> None:
    def run(self: CashbookTask, *ids: Any) -> Any:
        return runtime.run(self.app, spec.name, ids)

    app.task(
        run,
        bind=True,
        base=CashbookTask,
        name=spec.name,
        queue=spec.queue,
        soft_time_limit=spec.soft_time_limit,
        time_limit=spec.time_limit,
        max_retries=spec.max_retries,
        spec=spec,
    )


def create_celery_app(settings: Settings) -> Celery:
    embedded.register()
    app = Celery("cashbook", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_queues=queues(),
        task_default_queue="default",
        task_default_exchange=EXCHANGE.name,
        task_default_exchange_type="topic",
        task_default_routing_key="default",
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        result_backend=None,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=False,
        # One message at a time per process: a long task does not hold others hostage.
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        worker_send_task_events=False,
        worker_enable_remote_control=False,
        broker_connection_retry_on_startup=True,
        # A request publishing to an unreachable broker gives up quickly; the outbox drain
        # sends what matters later.
        broker_connection_timeout=3,
        broker_connection_max_retries=None,
        task_publish_retry_policy={
            "max_retries": 2,
            "interval_start": 0,
            "interval_step": 0.5,
            "interval_max": 1,
        },
        broker_transport_options={} if settings.uses_embedded_broker else {"confirm_publish": True},
        beat_schedule={
            name: {**entry, "args": (name,), "options": {"queue": "default"}}
            for name, entry in BEAT_SCHEDULE.items()
        },
        beat_schedule_filename=str(settings.data_dir / "beat-schedule"),
        timezone="UTC",
        enable_utc=True,
    )
    app.cashbook_settings = settings  # type: ignore[attr-defined]
    app.cashbook_publisher = BrokerPublisher(settings)  # type: ignore[attr-defined]
    for spec in load_jobs().values():
        _register(app, spec)
    # Task routes may name jobs registered by load_jobs() just now.
    app.conf.task_routes = {
        name: {"queue": spec.queue, "routing_key": spec.queue} for name, spec in JOBS.items()
    }
    return app


def declare_dead_letters(app: Celery) -> None:
    """Make sure dead letters have somewhere to go before any worker rejects one."""
    with app.connection_for_write() as connection:
        dead_letter_queue()(connection.default_channel).declare()


_apps: dict[tuple[int, str], tuple[Settings, Celery]] = {}


def celery_app_for(settings: Settings) -> Celery:
    """The Celery app a process publishes with, one per settings object and broker."""
    key = (id(settings), settings.broker_url)
    entry = _apps.get(key)
    if entry is None or entry[0] is not settings:
        entry = _apps[key] = (settings, create_celery_app(settings))
    return entry[1]


class BrokerPublisher:
    """Sends jobs to the broker. A broker that cannot be reached is logged, not raised: the
    request already committed, and what must not be lost (an email) is in an outbox that the
    periodic drain sends when the broker is back."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def publish_now(self, jobs: list[tuple[str, tuple[JobId, ...]]]) -> None:
        celery_app = celery_app_for(self.settings)
        with celery_app.producer_or_acquire() as producer:
            for name, ids in jobs:
                celery_app.send_task(name, args=ids, queue=JOBS[name].queue, producer=producer)

    async def publish(self, jobs: list[tuple[str, tuple[JobId, ...]]]) -> None:
        if not jobs:
            return
        try:
            await asyncio.to_thread(self.publish_now, jobs)
        except Exception as error:  # noqa: BLE001 - any broker failure: keep the request's result
            log.warning(
                "jobs not published; the broker is unreachable",
                jobs=[name for name, _ in jobs],
                error=type(error).__name__,
            )

"""What a worker tells the operator: task metrics from Celery's signals, the task's name and id
on every log line it writes, error reports to Sentry, and the metrics port.

Metrics use prometheus_client's multiprocess mode (`cashbook.kit.metrics.enable_multiprocess`):
Celery runs tasks in forked pool processes, each with its own memory, so a counter incremented
there would be invisible to a server in the main process. In multiprocess mode every process
writes its samples to a file in a shared directory and the main process serves their sum.
The other choice, a metrics server in every pool process, would need a port each and
Prometheus to know them; one port per pod is what the chart's ServiceMonitor scrapes.
"""

import os
import threading
import time
from typing import Any

import structlog
from celery import signals
from prometheus_client import REGISTRY, CollectorRegistry, multiprocess, start_http_server

from cashbook.config import Settings
from cashbook.kit.metrics import (
    TASK_DURATION,
    TASK_OUTCOMES,
    TASKS,
    declare,
    is_multiprocess,
    process_exited,
)
from cashbook.kit.sentry import init_sentry
from cashbook.worker.jobs import load_jobs

log = structlog.get_logger(__name__)

# Celery's final task states, as the outcome label says them; anything else is a failure.
_OUTCOMES = {"SUCCESS": "success", "RETRY": "retry"}
_started: dict[str, float] = {}
_lock = threading.Lock()


def _task_started(task_id: str, task: Any, **_: Any) -> None:
    structlog.contextvars.bind_contextvars(task=task.name, task_id=task_id)
    with _lock:
        _started[task_id] = time.perf_counter()


def _task_finished(task_id: str, task: Any, state: str | None = None, **_: Any) -> None:
    with _lock:
        started = _started.pop(task_id, None)
    outcome = _OUTCOMES.get(state or "", "failure")
    TASKS.labels(task.name, outcome).inc()
    if started is not None:
        TASK_DURATION.labels(task.name).observe(time.perf_counter() - started)
    structlog.contextvars.unbind_contextvars("task", "task_id")


def _pool_process_exited(**_: Any) -> None:
    process_exited(os.getpid())


def connect_signals() -> None:
    """Count every task of this process by name and outcome, and time it."""
    signals.task_prerun.connect(_task_started, weak=False, dispatch_uid="cashbook.task_started")
    signals.task_postrun.connect(_task_finished, weak=False, dispatch_uid="cashbook.task_finished")
    signals.worker_process_shutdown.connect(
        _pool_process_exited, weak=False, dispatch_uid="cashbook.pool_process_exited"
    )


def serve_metrics(host: str, port: int) -> Any | None:
    """Serve the summed samples of every process of this worker on `host:port` (0: off);
    returns the server (its `shutdown()` stops it), or None when there is none.

    A port already taken leaves the worker running without metrics (and says so): its tasks
    matter more than its numbers, and in a cluster the failing probe tells the operator.
    """
    if port == 0:
        return None
    registry = REGISTRY
    if is_multiprocess():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    try:
        server, _thread = start_http_server(port, addr=host, registry=registry)
    except OSError as error:
        log.warning("worker metrics not served", port=port, error=type(error).__name__)
        return None
    log.info("worker metrics served", port=port)
    return server


def start(settings: Settings) -> None:
    """Everything a worker process needs before Celery takes over."""
    init_sentry(settings, "worker")
    connect_signals()
    # Every job shows zeros before it first runs, so rates and ratios have series.
    declare(TASKS, sorted(load_jobs()), TASK_OUTCOMES)
    serve_metrics(settings.host, settings.worker_metrics_port)

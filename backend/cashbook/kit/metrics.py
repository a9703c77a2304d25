"""Every Prometheus metric Cashbook exports, in one place, so each domain imports and
increments the families defined here and never makes up one of its own.

Labels are bounded by design: route templates, task names, providers, formats, templates,
methods and outcomes. Never a user id, an email, an amount or anything a person typed.

The API serves these at `/metrics` from its one process. A Celery worker runs tasks in
forked pool processes, so the worker uses prometheus_client's multiprocess mode: every process
writes its samples to files in `PROMETHEUS_MULTIPROC_DIR`, and the worker's main process serves
their sum on its own port (`CASHBOOK_WORKER_METRICS_PORT`). See `enable_multiprocess`.
"""

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
    values,
)
from prometheus_client.metrics import MetricWrapperBase
from prometheus_fastapi_instrumentator.metrics import Info
from prometheus_fastapi_instrumentator.middleware import PrometheusInstrumentatorMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp

from cashbook.kit.middleware import route_template

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
_DIR_PREFIX = "cashbook-metrics-"
OUTCOMES = ("success", "failure")
SIGN_IN_METHODS = ("password", "oidc")
LOGIN_OUTCOMES = ("success", "failure", "throttled")
TASK_OUTCOMES = ("success", "failure", "retry")
IMPORT_FORMATS = ("csv", "ofx", "camt053")

# `_created` samples double the output and no dashboard or rule reads them.
disable_created_metrics()

# Seconds: requests are fast, background work (a bank sync, a large import) is not.
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
TASK_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0)

# HTTP, filled by the instrumentator's middleware (the standard names its dashboards use).
HTTP_REQUESTS = Counter(
    "http_requests_total",
    "HTTP requests by method, route template and status code.",
    ("method", "handler", "status"),
)
HTTP_DURATION = Histogram(
    "http_request_duration_seconds",
    "HTTP request latency by method, route template and status code.",
    ("method", "handler", "status"),
    buckets=REQUEST_BUCKETS,
)
HTTP_IN_PROGRESS = Gauge(
    "http_requests_inprogress",
    "HTTP requests being served now, by method and route template.",
    ("method", "handler"),
    multiprocess_mode="livesum",
)

# Bank sync (the banking domain increments these).
BANK_SYNCS = Counter(
    "cashbook_bank_syncs_total",
    "Bank synchronisations by provider and outcome.",
    ("provider", "outcome"),
)
BANK_SYNC_DURATION = Histogram(
    "cashbook_bank_sync_duration_seconds",
    "How long a bank synchronisation took, by provider.",
    ("provider",),
    buckets=TASK_BUCKETS,
)
BANK_SYNC_TRANSACTIONS = Counter(
    "cashbook_bank_sync_transactions_created_total",
    "Transactions created by bank synchronisations, by provider.",
    ("provider",),
)
BANK_CONSENTS_EXPIRING = Gauge(
    "cashbook_bank_consents_expiring",
    "Bank connections whose consent ends within the warning period, by provider.",
    ("provider",),
    multiprocess_mode="max",
)

# Statement imports (the imports domain).
IMPORTS = Counter(
    "cashbook_imports_total",
    "Statement imports by file format and outcome.",
    ("format", "outcome"),
)
IMPORT_ROWS = Counter(
    "cashbook_import_rows_total", "Rows read from statement files, by file format.", ("format",)
)

# Email (the notifications domain, on the worker).
EMAILS = Counter(
    "cashbook_emails_total",
    "Emails handed to the mail transport, by template and outcome.",
    ("template", "outcome"),
)
OUTBOX_BACKLOG = Gauge(
    "cashbook_outbox_backlog",
    "Emails in the outbox that are neither sent nor given up.",
    multiprocess_mode="max",
)
OUTBOX_OLDEST_AGE = Gauge(
    "cashbook_outbox_oldest_age_seconds",
    "Age of the oldest email still waiting in the outbox (0 when none waits).",
    multiprocess_mode="max",
)

# Background tasks (filled from Celery's signals on the worker).
TASKS = Counter(
    "cashbook_tasks_total", "Celery tasks finished, by task name and outcome.", ("task", "outcome")
)
TASK_DURATION = Histogram(
    "cashbook_task_duration_seconds",
    "How long a Celery task ran, by task name.",
    ("task",),
    buckets=TASK_BUCKETS,
)

# Field encryption (the ledger counts values it could not open).
DECRYPTION_FAILURES = Counter(
    "cashbook_decryption_failures_total",
    "Stored values that failed to decrypt (tampered, moved, or under an unknown key), by table.",
    ("table",),
)

# Accounts.
REGISTRATIONS = Counter(
    "cashbook_registrations_total",
    "Registrations by sign-in method and outcome.",
    ("method", "outcome"),
)
LOGINS = Counter(
    "cashbook_logins_total", "Sign-in attempts by method and outcome.", ("method", "outcome")
)

# Exchange rates.
RATE_SNAPSHOT_AGE = Gauge(
    "cashbook_exchange_rate_snapshot_age_seconds",
    "Seconds since the newest exchange-rate snapshot was fetched (absent before the first).",
    multiprocess_mode="max",
)


def declare(metric: MetricWrapperBase, *label_sets: Iterable[str]) -> None:
    """Create the children for every combination of known label values, so a family shows
    zeros (not nothing) before the first event and `rate()` has a series to work on."""
    combinations: list[tuple[str, ...]] = [()]
    for options in label_sets:
        combinations = [(*prefix, value) for prefix in combinations for value in options]
    for combination in combinations:
        metric.labels(*combination)


declare(REGISTRATIONS, SIGN_IN_METHODS, OUTCOMES)
declare(LOGINS, SIGN_IN_METHODS, LOGIN_OUTCOMES)
declare(IMPORTS, IMPORT_FORMATS, OUTCOMES)
declare(IMPORT_ROWS, IMPORT_FORMATS)


# HTTP instrumentation ---------------------------------------------------------------------


def _observe_request(info: Info) -> None:
    # The route template is read after routing, exactly as the access log reads it, so a
    # request to /users/<uuid> counts under /users/{user_id} and an unknown path under
    # "unmatched" (never the raw path).
    handler = route_template(info.request.scope)
    labels = (info.method, handler, info.modified_status)
    HTTP_REQUESTS.labels(*labels).inc()
    HTTP_DURATION.labels(*labels).observe(info.modified_duration)


class InstrumentatorMiddleware(PrometheusInstrumentatorMiddleware):
    """prometheus-fastapi-instrumentator's middleware with the metric objects above.

    Its own in-progress gauge is created per application on the default registry, which fails
    for the second application in a process (the tests make one per test); this one is shared.
    """

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(
            app,
            should_group_status_codes=False,
            should_instrument_requests_inprogress=False,
            excluded_handlers=["^/metrics$"],
            instrumentations=[_observe_request],
        )
        self.should_instrument_requests_inprogress = True
        self.inprogress = HTTP_IN_PROGRESS
        self.inprogress_labels = True

    def _get_handler(self, request: Request) -> tuple[str, bool]:
        # Before routing; used for the in-progress gauge. No raw paths here either.
        handler, templated = super()._get_handler(request)
        return (handler if templated else "unmatched"), True


# Exposition ---------------------------------------------------------------------------------


def is_multiprocess() -> bool:
    return bool(getattr(values.ValueClass, "_multiprocess", False))


def exposition() -> tuple[bytes, str]:
    """The current samples in Prometheus' text format, and its content type."""
    registry: CollectorRegistry = REGISTRY
    if is_multiprocess():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry), CONTENT_TYPE_LATEST


def enable_multiprocess(argv: list[str]) -> None:
    """Make sure this process (a Celery worker) runs in multiprocess mode, by starting it
    again with `PROMETHEUS_MULTIPROC_DIR` set when it is not.

    prometheus_client picks its value store when it is first imported, long before a command
    is parsed; so the directory must be in the environment when the process starts. A fresh
    directory each time: files of an earlier run would add their counts to this one's.
    """
    if is_multiprocess():
        # The variable is prometheus_client's own, not a Cashbook setting. A directory made
        # here (by the process this one replaced) goes when the worker exits.
        directory = os.environ.get(MULTIPROC_ENV, "")
        if os.path.basename(directory).startswith(_DIR_PREFIX):
            atexit.register(shutil.rmtree, directory, ignore_errors=True)
        return
    directory = tempfile.mkdtemp(prefix=_DIR_PREFIX)
    environment: dict[str, Any] = {**os.environ, MULTIPROC_ENV: directory}
    os.execve(sys.executable, [sys.executable, "-m", "cashbook", *argv], environment)  # noqa: S606


def process_exited(pid: int) -> None:
    """Forget a finished pool process's live gauges (its counters stay in the sum)."""
    if is_multiprocess():
        multiprocess.mark_process_dead(pid)

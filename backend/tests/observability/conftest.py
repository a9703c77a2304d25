"""The observability harness: a fake Sentry over HTTP, a real worker process (RabbitMQ when the
run has one, else the embedded broker; SQLite) reporting to it, and a throwaway RabbitMQ whose
exporter is scraped."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from cashbook.config import Settings
from cashbook.kit import alembic
from tests import brokers
from tests.conftest import free_port, make_settings
from tests.observability import rabbitmq_exporter
from tests.observability.fake_sentry import FakeSentry

SENTRY_ENVIRONMENT = "observability-test"
SENTRY_RELEASE = "cashbook@observability-test"


@pytest.fixture
def fake_sentry() -> Iterator[FakeSentry]:
    server = FakeSentry(free_port()).start()
    yield server
    server.stop()


@dataclass
class WorkerProcess:
    settings: Settings
    metrics_url: str
    sentry: FakeSentry
    output: Path
    process: subprocess.Popen
    lines_before_stop: list[str] = field(default_factory=list)

    def scrape(self) -> str:
        response = httpx.get(self.metrics_url, timeout=5)
        response.raise_for_status()
        return response.text

    def wait_for_metrics(self, ready, timeout: float = 30) -> str:
        """Scrape until `ready(text)` holds."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.scrape()
            if ready(text) or time.monotonic() > deadline:
                return text
            time.sleep(0.2)

    def lines(self) -> list[str]:
        return self.output.read_text().splitlines()


@pytest.fixture(scope="session")
def worker_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerProcess]:
    """`cashbook worker` as a real process, on a migrated SQLite database with the embedded
    broker, reporting errors to a fake Sentry and serving metrics on a free port."""
    sentry = FakeSentry(free_port()).start()
    base = tmp_path_factory.mktemp("worker")
    database_url = f"sqlite+aiosqlite:///{base / 'cashbook.sqlite'}"
    port = free_port()
    # RabbitMQ (the production broker) when the run has one, in a virtual host of its own;
    # otherwise the embedded broker in the data folder.
    broker_url, vhost = (
        brokers.fresh_vhost() if os.environ.get(brokers.RABBITMQ_ENV) else (None, None)
    )
    settings = make_settings(
        database_url,
        base / "data",
        jobs_inline=False,
        worker_metrics_port=port,
        broker_url_override=broker_url,
    )
    alembic.upgrade(settings)
    environment = {
        **os.environ,
        "CASHBOOK_ENV": "test",
        "CASHBOOK_DATA_DIR": str(settings.data_dir),
        "CASHBOOK_SECRET_KEY": settings.signing_key(),
        "CASHBOOK_LOG_FORMAT": "json",
        "CASHBOOK_WORKER_METRICS_PORT": str(port),
        "DATABASE_URL": database_url,
        "SENTRY_DSN": sentry.dsn,
        "SENTRY_ENVIRONMENT": SENTRY_ENVIRONMENT,
        "SENTRY_RELEASE": SENTRY_RELEASE,
    }
    if broker_url is not None:
        environment["CASHBOOK_BROKER_URL"] = broker_url
    environment.pop("PROMETHEUS_MULTIPROC_DIR", None)
    output = base / "worker.log"
    with output.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "cashbook", "worker", "--concurrency", "1"],
            env=environment,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    worker = WorkerProcess(settings, f"http://127.0.0.1:{port}/metrics", sentry, output, process)
    try:
        deadline = time.monotonic() + 60
        while not any('"celery@' in line and "ready" in line for line in worker.lines()):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("the worker did not start:\n" + output.read_text())
            time.sleep(0.2)
        yield worker
    finally:
        worker.lines_before_stop = worker.lines()
        process.terminate()
        process.wait(timeout=30)
        sentry.stop()
        if vhost is not None:
            brokers.delete_vhost(vhost)


@pytest.fixture(scope="session")
def rabbitmq_exporter_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What RabbitMQ's Prometheus plugin exports: the aggregated and the per-queue endpoint,
    the two the compose stack scrapes (deploy/prometheus/prometheus.yml)."""
    if not rabbitmq_exporter.installed():
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs Debian's rabbitmq-server to check the rabbitmq_* names")
        pytest.skip("rabbitmq-server is not installed: the rabbitmq_* names are not checked")
    base = tmp_path_factory.mktemp("rabbitmq")
    node = rabbitmq_exporter.RabbitExporter(base, [free_port() for _ in range(4)])
    try:
        node.start()
        return node.scrape("/metrics") + node.scrape(
            "/metrics/detailed?family=queue_coarse_metrics"
        )
    finally:
        node.stop()

"""The test harness every suite shares.

Database-backed tests run once per database: SQLite always, MariaDB when
`CASHBOOK_TEST_MARIADB_URL` is set (required when `CI=true`). Each database is migrated once
per run with the real migrations; each test gets its own app and empty tables afterwards.
"""

import logging
import os
import socket
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import delete
from sqlalchemy.engine import make_url

from cashbook.app import create_app
from cashbook.config import Settings
from cashbook.kit import alembic
from cashbook.kit.keys import new_key
from cashbook.models import Base
from tests import brokers, databases

# Settings come from the environment; keep the developer's own out of the tests.
for name in list(os.environ):
    # CASHBOOK_TEST_* settings are the harness's own (servers, the stress test's size).
    if name.startswith(("CASHBOOK_", "MARIADB_", "SMTP_", "RABBITMQ_")) and not name.startswith(
        "CASHBOOK_TEST_"
    ):
        del os.environ[name]
for name in (
    "DATABASE_URL",
    "DB_ENCRYPTION_KEY",
    "DB_ENCRYPTION_RETIRED_KEYS",
    "DB_BLIND_INDEX_KEY",
    "SENTRY_DSN",
):
    os.environ.pop(name, None)

TEST_SECRET = "test-signing-key-that-is-long-enough-0123456789"  # noqa: S105
# Field-encryption keys, fresh for each run (the ledger encrypts through them).
TEST_ENCRYPTION_KEY = new_key()
TEST_BLIND_INDEX_KEY = new_key()
BACKENDS = databases.backends()
BROKERS = brokers.brokers()
_tests_per_backend: Counter[str] = Counter()
_tests_per_broker: Counter[str] = Counter()


def _require_server(name: str, in_use: bool, env: str, problem, url_for_humans) -> None:
    """In CI the server's suite must run; wherever it runs, the server must answer."""
    if os.environ.get("CI") == "true" and not in_use:
        pytest.exit(f"CI requires the {name} suite: set {env}", returncode=3)
    if in_use and (reason := problem()) is not None:
        pytest.exit(f"{name} at {url_for_humans()} is unreachable: {reason}", returncode=3)


def pytest_sessionstart(session: pytest.Session) -> None:
    _require_server(
        "MariaDB",
        "mariadb" in BACKENDS,
        databases.MARIADB_ENV,
        databases.mariadb_problem,
        databases.mariadb_url_for_humans,
    )
    _require_server(
        "RabbitMQ",
        "rabbitmq" in BROKERS,
        brokers.RABBITMQ_ENV,
        brokers.rabbitmq_problem,
        brokers.rabbitmq_url_for_humans,
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "database_url" in callspec.params:
        _tests_per_backend[callspec.params["database_url"]] += 1
    if callspec is not None and "broker" in callspec.params:
        _tests_per_broker[callspec.params["broker"]] += 1


def pytest_terminal_summary(terminalreporter) -> None:
    exercised = ", ".join(f"{name} ({_tests_per_backend[name]} tests)" for name in BACKENDS)
    terminalreporter.write_line(f"databases exercised: {exercised}")
    if "mariadb" not in BACKENDS:
        terminalreporter.write_line(
            f"MariaDB suite not run: {databases.MARIADB_ENV} is not set", yellow=True
        )
    exercised = ", ".join(f"{name} ({_tests_per_broker[name]} tests)" for name in BROKERS)
    terminalreporter.write_line(f"brokers exercised: {exercised}")
    if "rabbitmq" not in BROKERS:
        terminalreporter.write_line(
            f"RabbitMQ suite not run: {brokers.RABBITMQ_ENV} is not set", yellow=True
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_settings(database_url: str, data_dir: Path, **overrides) -> Settings:
    values = {
        "env": "test",
        "data_dir": data_dir,
        "secret_key": TEST_SECRET,
        "db_encryption_key": TEST_ENCRYPTION_KEY,
        "db_blind_index_key": TEST_BLIND_INDEX_KEY,
        "database_url": database_url,
        "log_format": "json",
        # In-process tests run each job right after the commit; the worker tests turn this
        # off and run real worker processes.
        "jobs_inline": True,
        # Never the real Czech National Bank: tests that want rates start a fake one.
        "cnb_url": "",
        **overrides,
    }
    return Settings(**values)


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database migrated to head, once per run and backend."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sqlite') / 'cashbook.sqlite'}"
    else:
        url = databases.fresh_mariadb_database("main")
    alembic.upgrade(make_settings(url, tmp_path_factory.mktemp("migrate")))
    return url


@pytest.fixture
def backend(database_url: str) -> str:
    return make_url(database_url).get_backend_name()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(database_url, tmp_path / "data")


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator:
    application = create_app(settings)
    yield application
    engine = application.state.engine
    async with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            await connection.execute(delete(table))
    await engine.dispose()


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
        yield http


class _Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, _server, _session, envelope) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback; `.messages` holds the envelopes it received."""
    from aiosmtpd.controller import Controller

    # aiosmtpd narrates every connection at INFO from its own thread, past pytest's capture.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.messages = inbox.messages
    yield controller
    controller.stop()


# OpenID Connect sign-in (auth/providers): the developer's provider settings stay out too.
for name in list(os.environ):
    if name.startswith(("MOJEID_", "BANKID_", "OIDC_")):
        del os.environ[name]


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory):
    """npm oidc-provider on loopback, one per run, with Cashbook's test clients registered
    (tests/oidc/provider.py). Skipped without Node.js or its install; required in CI."""
    from tests.oidc import provider

    provider.require_provider()
    public_url = make_settings("sqlite://", tmp_path_factory.mktemp("oidc")).public_url
    process = provider.start(
        free_port(), provider.session_config(public_url), tmp_path_factory.mktemp("oidc")
    )
    yield process
    process.stop()


UNIRATE_KEY = "unirate-canary-key-5e1f0b"  # noqa: S105 - a test key; it must never be logged


@pytest.fixture
def unirate():
    """A fake UniRate API on a free loopback port (`tests/fake_unirate.py`)."""
    from tests.fake_unirate import FakeUniRate

    server = FakeUniRate(UNIRATE_KEY, free_port()).start()
    yield server
    server.stop()


@pytest.fixture
def cnb():
    """A fake CNB daily fixing on a free loopback port (`tests/fake_cnb.py`)."""
    from tests.fake_cnb import FakeCnb

    server = FakeCnb(free_port()).start()
    yield server
    server.stop()


@pytest.fixture
def rates_settings(settings: Settings, unirate) -> Settings:
    """Settings that fetch exchange rates from the fake UniRate."""
    settings.unirate_url = unirate.url
    settings.unirate_api_key = SecretStr(UNIRATE_KEY)
    return settings


# --- every log line of the run ---------------------------------------------------------------

LOG_FIELDS = {"timestamp", "level", "logger", "message"}
ACCESS_FIELDS = {"request_id", "method", "route", "status", "duration_ms"}


def log_line_problem(line: str) -> str | None:
    """Why a JSON log line lacks what Loki, the dashboards and the docs rely on, or None."""
    import json
    import uuid

    try:
        record = json.loads(line)
    except ValueError:
        return "not JSON"
    if not isinstance(record, dict) or not record.keys() >= LOG_FIELDS:
        return f"missing {sorted(LOG_FIELDS - set(record))}"
    if record["logger"] == "cashbook.access" and not record.keys() >= ACCESS_FIELDS:
        return f"access line missing {sorted(ACCESS_FIELDS - set(record))}"
    if "user_id" in record:
        try:
            uuid.UUID(record["user_id"])
        except (TypeError, ValueError):
            return "user_id is not a UUID"
    if ("task" in record) != ("task_id" in record):
        return "task without task_id (or the reverse)"
    return None


@pytest.fixture(scope="session", autouse=True)
def every_log_line_is_json_with_its_fields():
    """Every line the app logs in JSON mode during the run (in this process; the worker's
    own lines are checked by tests/observability) parses and carries its fields."""
    import structlog

    from cashbook.kit import logging as app_logging

    written: list[str] = []
    original = app_logging._StderrHandler.format

    def format_and_keep(self, record):
        text = original(self, record)
        processors = getattr(self.formatter, "processors", ())
        if any(isinstance(p, structlog.processors.JSONRenderer) for p in processors):
            written.append(text)
        return text

    app_logging._StderrHandler.format = format_and_keep
    yield written
    app_logging._StderrHandler.format = original
    problems = [(problem, line) for line in written if (problem := log_line_problem(line))]
    assert not problems, f"{len(problems)} of {len(written)} log lines: {problems[:5]}"


@pytest.fixture
def fake_bank_config():
    """The fake bank's setup; a test module overrides it for another customer or clock."""
    from cashbook.banking.fake_bank.state import FakeBankConfig

    return FakeBankConfig()


@pytest.fixture
def fake_bank(fake_bank_config):
    """The fake Česká spořitelna on a free loopback port (`tests/fake_bank_server.py`)."""
    from tests.fake_bank_server import FakeBankServer

    server = FakeBankServer(free_port(), fake_bank_config).start()
    yield server
    server.stop()


@pytest.fixture
def bank_settings(settings: Settings, fake_bank) -> Settings:
    """Settings whose Česká spořitelna is the fake bank."""
    return fake_bank.configure(settings)

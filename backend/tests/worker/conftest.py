"""Real worker processes against each broker: the embedded one always, RabbitMQ when the
harness has it (a virtual host per run). Every process a test starts is stopped by its PID."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from kombu import Connection
from kombu import Queue as KombuQueue
from pydantic import SecretStr

from cashbook.config import EMBEDDED_BROKER_SCHEME, Settings
from cashbook.worker import embedded
from cashbook.worker.delivery import DEAD_LETTER_QUEUE
from cashbook.worker.jobs import QUEUES
from tests import brokers
from tests.conftest import BROKERS, free_port

BACKEND_DIR = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60


class TcpProxy:
    """Forwards a loopback port to RabbitMQ while it is up: a broker that can go away."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []

    def up(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()

    def down(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        for sock in self._sockets:
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class Broker:
    def __init__(self, name: str, url: str, tmp_path: Path) -> None:
        self.name = name
        self.url = url
        self._tmp_path = tmp_path
        self._proxy: TcpProxy | None = None

    def unreachable_url(self) -> str:
        """A URL of this broker that does not answer until `come_back()`."""
        if self.name == "embedded":
            return f"{EMBEDDED_BROKER_SCHEME}+sqlite:///{self._tmp_path / 'down' / 'broker.sqlite'}"
        parts = urlsplit(self.url)
        self._proxy = TcpProxy((parts.hostname or "127.0.0.1", parts.port or 5672))
        netloc = f"{parts.username}:{parts.password}@127.0.0.1:{self._proxy.port}"
        return urlunsplit(parts._replace(netloc=netloc))

    def come_back(self) -> None:
        if self.name == "embedded":
            (self._tmp_path / "down").mkdir()
        else:
            assert self._proxy is not None
            self._proxy.up()

    def stop_proxy(self) -> None:
        if self._proxy is not None:
            self._proxy.down()

    def dead_letters(self) -> list[dict]:
        """The headers of the messages in the dead-letter queue (taken out of it)."""
        embedded.register()
        found = []
        with Connection(self.url) as connection:
            queue = KombuQueue(DEAD_LETTER_QUEUE, no_declare=True)(connection.default_channel)
            while (message := queue.get(no_ack=True)) is not None:
                found.append(dict(message.headers))
        return found

    def reset(self) -> None:
        """Empty what an earlier test of this run may have left in the queues."""
        with Connection(self.url) as connection:
            channel = connection.default_channel
            for name in (*QUEUES, DEAD_LETTER_QUEUE):
                try:
                    channel.queue_delete(name)
                except Exception:  # noqa: BLE001 - a queue that does not exist yet
                    channel = connection.channel()


@pytest.fixture(scope="session")
def rabbitmq_url():
    url, vhost = brokers.fresh_vhost()
    yield url
    if vhost is not None:
        brokers.delete_vhost(vhost)


@pytest.fixture(params=BROKERS)
def broker(request, tmp_path: Path) -> Broker:
    if request.param == "embedded":
        url = f"{EMBEDDED_BROKER_SCHEME}+sqlite:///{tmp_path / 'broker.sqlite'}"
        return Broker("embedded", url, tmp_path)
    result = Broker("rabbitmq", request.getfixturevalue("rabbitmq_url"), tmp_path)
    result.reset()
    return result


@pytest.fixture
def settings(settings: Settings, broker: Broker, database_url: str) -> Settings:
    """Jobs go through the broker to real workers (not inline, as elsewhere). (Naming
    `database_url` lets pytest see the parametrised fixture behind the overridden one.)"""
    settings.jobs_inline = False
    settings.broker_url_override = SecretStr(broker.url)
    settings.cron_token = SecretStr("cron-secret-for-tests")
    return settings


def worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(BACKEND_DIR),
        "CASHBOOK_ENV": "test",
        "CASHBOOK_DATA_DIR": str(settings.data_dir),
        "CASHBOOK_SECRET_KEY": settings.secret_key.get_secret_value(),
        "CASHBOOK_LOG_FORMAT": "json",
        "CASHBOOK_WORKER_CONCURRENCY": "1",
        "CASHBOOK_OUTBOX_GRACE_SECONDS": str(settings.outbox_grace_seconds),
        "CASHBOOK_UNIRATE_URL": settings.unirate_url,
        "UNIRATE_API_KEY": settings.unirate_api_key.get_secret_value(),
        "DATABASE_URL": settings.sqlalchemy_url,
        "CASHBOOK_BROKER_URL": settings.broker_url,
        **extra,
    }
    if settings.smtp_host:
        env |= {"SMTP_HOST": settings.smtp_host, "SMTP_PORT": str(settings.smtp_port)}
    return env


class CashbookProcess:
    """`cashbook <args>` as a process of its own group, its output collected as it comes."""

    def __init__(self, env: dict[str, str], args: tuple[str, ...]) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cashbook", *args],
            env=env,
            cwd=BACKEND_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,  # its own process group: the pool goes with it
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str, timeout: float = READY_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"process never said {text!r}:\n{self.output[-4000:]}")
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL to the process and its children (a worker's pool), as an OOM killer would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@pytest.fixture
def start_worker(settings: Settings):
    """Starts `cashbook worker` processes (ready to consume) and stops them after the test."""
    started: list[CashbookProcess] = []

    def start(*args: str, **env: str) -> CashbookProcess:
        worker = CashbookProcess(worker_env(settings, **env), ("worker", *args))
        started.append(worker)
        worker.wait_for(" ready.")
        return worker

    yield start
    for number, worker in enumerate(started, start=1):
        worker.stop()
        # Shown by pytest only when the test failed.
        print(f"--- worker {number} (pid {worker.process.pid}) ---\n{worker.output[-6000:]}")


def wait_until(condition, timeout: float = 60, interval: float = 0.1):
    """Polls a synchronous condition until it holds; returns its last value."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(interval)
    return value

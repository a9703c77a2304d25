"""`cashbook run` keeps going: a dead worker is started again while the API serves, mail has
a worker of its own so it never waits behind long work, and a dead API stops everything."""

import os
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import UNIRATE_KEY, free_port
from tests.factories import link_token, read_mail
from tests.worker.conftest import CashbookProcess, wait_until
from tests.worker.test_commands import alive, children_of

CRON_TOKEN = "cron-secret-for-supervision"  # noqa: S105 - a test token
CRON = {"Authorization": f"Bearer {CRON_TOKEN}"}


class Running:
    def __init__(self, process: CashbookProcess, url: str, data: Path) -> None:
        self.process = process
        self.url = url
        self.data = data

    def child(self, *words: str) -> int:
        """The pid of the child whose command line holds `words` in this order."""
        for pid in children_of(self.process.process.pid):
            argv = (Path("/proc") / str(pid) / "cmdline").read_bytes().decode().split("\0")
            if " ".join(words) in " ".join(argv):
                return pid
        raise AssertionError(f"no child runs {words}")

    def ready(self) -> bool:
        try:
            return httpx.get(f"{self.url}/readyz").status_code == 200
        except httpx.TransportError:
            return False

    def cron_status(self, run_id: int) -> str:
        with sqlite3.connect(self.data / "cashbook.sqlite") as db:
            [status] = db.execute("SELECT status FROM cron_runs WHERE id = ?", (run_id,)).fetchone()
        return status

    def register(self, email: str) -> None:
        user = {
            "email": email,
            "password": "a long passphrase",
            "first_name": "A",
            "last_name": "Bee",
        }
        assert httpx.post(f"{self.url}/auth/register", json=user).status_code == 201

    def mail_to(self, email: str) -> list:
        return [message for message in read_mail(self.data) if message["To"] == email]


@pytest.fixture
def start_run(tmp_path: Path) -> Iterator:
    started: list[CashbookProcess] = []

    def start(**extra: str) -> Running:
        port = free_port()
        data = tmp_path / "data"
        env = {
            **os.environ,
            "CASHBOOK_DATA_DIR": str(data),
            "CASHBOOK_PORT": str(port),
            "CASHBOOK_WORKER_METRICS_PORT": "0",
            "CRON_TOKEN": CRON_TOKEN,
            **extra,
        }
        process = CashbookProcess(env, ("run",))
        started.append(process)
        running = Running(process, f"http://127.0.0.1:{port}", data)
        wait_until(running.ready, timeout=60, interval=0.2)
        process.wait_for("mail | ")  # every child has started
        process.wait_for("worker | ")
        return running

    yield start
    for process in started:
        # SIGTERM: the supervisor stops its children (each in a session of its own, which
        # killing the supervisor's group would not reach); any left over are killed by pid.
        children = children_of(process.process.pid)
        process.stop()
        for pid in children:
            if alive(pid):
                os.killpg(pid, signal.SIGKILL)
        print(process.output[-6000:])  # shown when the test failed


def test_a_dead_worker_is_started_again_and_drains_its_queue_while_the_api_serves(start_run):
    run = start_run()
    worker = run.child("worker", "--queues", "default,bank")
    mail = run.child("worker", "--queues", "email")
    for pid in (worker, mail):
        os.killpg(pid, signal.SIGKILL)  # as the OOM killer would: the pool goes too
    run.process.wait_for("worker was killed by SIGKILL; starting it again in 1 s")
    run.process.wait_for("mail was killed by SIGKILL; starting it again in 1 s")

    # Work arrives while the workers are gone; the API takes it.
    assert run.ready()
    triggered = httpx.post(f"{run.url}/internal/cron/outbox-drain", headers=CRON)
    assert triggered.status_code == 202
    run.register("while-down@example.com")

    run.process.wait_for("starting worker again")
    run.process.wait_for("starting mail again")
    wait_until(lambda: run.cron_status(triggered.json()["run_id"]) == "done", timeout=60)
    [message] = wait_until(lambda: run.mail_to("while-down@example.com"), timeout=60)
    assert link_token(message)
    assert run.child("worker", "--queues", "default,bank") != worker
    assert run.child("worker", "--queues", "email") != mail

    # Without the API nothing is served: everything stops, and says why.
    children = children_of(run.process.process.pid)
    os.kill(run.child("cashbook", "serve"), signal.SIGKILL)
    assert run.process.process.wait(timeout=60) == 1
    assert "api was killed by SIGKILL; stopping everything" in run.process.output
    assert not [pid for pid in children if alive(pid)]


def test_mail_goes_out_while_a_long_job_holds_the_worker(start_run, unirate):
    run = start_run(
        CASHBOOK_WORKER_CONCURRENCY="1",
        CASHBOOK_UNIRATE_URL=unirate.url,
        UNIRATE_API_KEY=UNIRATE_KEY,
    )
    unirate.hold_next_rates_request()
    snapshot = httpx.post(f"{run.url}/internal/cron/rates-snapshot", headers=CRON)
    assert snapshot.status_code == 202
    assert unirate.holding.wait(timeout=30)  # the worker's only slot is busy with the snapshot

    run.register("waiting@example.com")
    [message] = wait_until(lambda: run.mail_to("waiting@example.com"), timeout=30)
    assert unirate.holding.is_set()  # still busy: the mail worker sent it
    verified = httpx.post(f"{run.url}/auth/verify", json={"token": link_token(message)})
    assert verified.json()["is_verified"] is True

    unirate.release()
    run_id = snapshot.json()["run_id"]
    wait_until(lambda: run.cron_status(run_id) == "done", timeout=60)


def test_children_end_with_a_supervisor_that_is_killed_outright(start_run):
    run = start_run()
    children = children_of(run.process.process.pid)
    pool = [pid for child in children for pid in children_of(child)]
    assert len(children) == 4 and pool  # api, worker, mail, beat; the workers' pools

    run.process.process.kill()  # SIGKILL, as the OOM killer would: no chance to stop anyone
    run.process.process.wait()
    wait_until(lambda: not [pid for pid in children + pool if alive(pid)], timeout=60)

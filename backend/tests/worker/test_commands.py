"""`cashbook run` (what `make run` starts) and `cashbook jobs`, as real processes."""

import os
import signal
import time
from pathlib import Path

import httpx

from tests.conftest import free_port
from tests.factories import link_token, read_mail
from tests.test_cli_and_server import cashbook
from tests.worker.conftest import CashbookProcess, wait_until


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_run_serves_mails_through_its_worker_and_ctrl_c_stops_everything(tmp_path):
    port = free_port()
    data = tmp_path / "data"
    env = {**os.environ, "CASHBOOK_DATA_DIR": str(data), "CASHBOOK_PORT": str(port)}
    run = CashbookProcess(env, ("run",))
    url = f"http://127.0.0.1:{port}"
    try:

        def ready() -> bool:
            try:
                return httpx.get(f"{url}/readyz").status_code == 200
            except httpx.TransportError:
                return False

        wait_until(ready, timeout=60, interval=0.2)
        user = {
            "email": "first@example.com",
            "password": "a long first passphrase",
            "first_name": "First",
            "last_name": "Run",
        }
        started = time.monotonic()
        assert httpx.post(f"{url}/auth/register", json=user).status_code == 201
        wait_until(lambda: read_mail(data), timeout=30)
        assert time.monotonic() - started < 30  # "within seconds", with the worker's polling
        [message] = read_mail(data)
        verified = httpx.post(f"{url}/auth/verify", json={"token": link_token(message)})
        assert verified.json()["is_verified"] is True
        run.wait_for("email written", timeout=10)
        assert any(
            line.startswith("  mail |") and "email written" in line for line in list(run.lines)
        )

        children = children_of(run.process.pid)
        assert len(children) == 4  # the API, the worker, the mail worker and beat
        run.process.send_signal(signal.SIGINT)  # Ctrl-C
        assert run.process.wait(timeout=60) == 0
        assert not [pid for pid in children if alive(pid)]
        for name in ("api", "worker", "mail", "beat"):
            assert f"{name:>6} | " in run.output
    finally:
        if run.process.poll() is None:
            run.kill()


def test_jobs_list_and_run(tmp_path):
    env = {**os.environ, "CASHBOOK_DATA_DIR": str(tmp_path / "data")}
    assert cashbook("db", "upgrade", env=env).returncode == 0
    listed = cashbook("jobs", "list", env=env)
    assert listed.stdout.split() == [
        "rates-snapshot",
        "every",
        "1",
        "day,",
        "0:00:00",
        "outbox-drain",
        "every",
        "0:05:00",
        "bank-sync",
        "every",
        "0:15:00",
        "imports-resend",
        "every",
        "0:15:00",
        "exports-expire",
        "every",
        "1:00:00",
        "transactions-purge",
        "every",
        "1",
        "day,",
        "0:00:00",
        "monthly-summary",
        "every",
        "1",
        "day,",
        "0:00:00",
        "live-events-prune",
        "every",
        "1:00:00",
    ]
    drained = cashbook("jobs", "run", "outbox-drain", env=env)
    assert drained.returncode == 0, drained.stderr
    assert "outbox-drain: sent 0, not sent 0 of 0 waiting" in drained.stdout
    unknown = cashbook("jobs", "run", "nope", env=env)
    assert unknown.returncode == 2
    assert "no job named 'nope'" in unknown.stderr

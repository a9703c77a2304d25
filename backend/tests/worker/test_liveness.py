"""The worker's liveness: its consumer's heartbeat, and the probe command that reads it."""

import os
import subprocess
import sys

import pytest

from cashbook.config import Settings
from cashbook.kit import alembic
from cashbook.worker import liveness
from tests.conftest import make_settings
from tests.worker.conftest import BACKEND_DIR, wait_until, worker_env


@pytest.fixture(scope="module")
def database_url(tmp_path_factory) -> str:
    """One database is enough: the heartbeat is the broker consumer's (both brokers run)."""
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sqlite') / 'cashbook.sqlite'}"
    alembic.upgrade(make_settings(url, tmp_path_factory.mktemp("migrate")))
    return url


def alive(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "cashbook", "worker-alive", *args],
        env=env, cwd=BACKEND_DIR, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_a_consuming_worker_keeps_its_heartbeat_fresh_and_the_probe_passes(settings, start_worker):
    path = liveness.heartbeat_path(settings)
    probe = alive(worker_env(settings))
    assert probe.returncode == 1 and "never" in probe.stderr  # no worker yet

    start_worker()
    first = wait_until(lambda: path.exists() and path.stat().st_mtime, timeout=30)
    # The consumer's loop touches it again (every INTERVAL_SECONDS) while it consumes.
    wait_until(lambda: path.stat().st_mtime > first, timeout=30)
    assert alive(worker_env(settings)).returncode == 0


def test_the_probe_fails_on_a_stale_heartbeat(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(BACKEND_DIR), "CASHBOOK_DATA_DIR": str(tmp_path)}
    path = tmp_path / liveness.heartbeat_path(Settings(data_dir=tmp_path)).name
    path.touch()
    old = path.stat().st_mtime - 120
    os.utime(path, (old, old))
    probe = alive(env, "--max-age", "60")
    assert probe.returncode == 1 and "s ago" in probe.stderr
    assert alive(env, "--max-age", "600").returncode == 0

"""Many counted jobs through each broker with a real worker that is SIGKILLed three times at
random moments: every job's effect happens exactly once, none is lost, and nothing finished
comes back after a clean restart.

`CASHBOOK_TEST_STRESS_JOBS` sets the number of jobs (100 by default, to keep the suite quick;
the acceptance run uses 2000)."""

import os
import random
from contextlib import closing

import pytest
from kombu import Connection

from cashbook.worker import embedded
from cashbook.worker.app import celery_app_for
from tests.worker.conftest import wait_until
from tests.worker.counting import connect

JOBS = int(os.environ.get("CASHBOOK_TEST_STRESS_JOBS", "100"))
SENTINEL = -1


def tally(path: str) -> tuple[int, int]:
    """(distinct effects, runs) so far."""
    with closing(connect(path)) as db:
        effects = db.execute("SELECT count(*) FROM effects").fetchone()[0]
        runs = db.execute("SELECT count(*) FROM runs").fetchone()[0]
    return effects, runs


def waiting_in(url: str, queue: str) -> int:
    embedded.register()
    with Connection(url) as connection:
        return connection.default_channel.queue_declare(queue, passive=True).message_count


def test_killed_workers_lose_nothing_and_repeat_no_effect(
    settings, backend, broker, start_worker, tmp_path
):
    if backend != "sqlite":
        pytest.skip("the broker is under test; one database is enough")
    path = str(tmp_path / "effects.sqlite")
    connect(path).close()
    worker_args = ("--include", "tests.worker.counting", "--concurrency", "2")
    worker = start_worker(*worker_args)
    celery = celery_app_for(settings)
    with celery.producer_or_acquire() as producer:
        for job in range(JOBS):
            celery.send_task("tests.count", args=[path, job], queue="default", producer=producer)

    moments = random.Random(JOBS).sample(range(JOBS // 10, JOBS * 9 // 10), 3)  # noqa: S311
    for moment in sorted(moments):
        wait_until(lambda moment=moment: tally(path)[0] >= moment, timeout=600, interval=0.02)
        worker.kill()  # SIGKILL to the worker and its pool, mid-stream
        worker = start_worker(*worker_args)
    wait_until(lambda: tally(path)[0] == JOBS, timeout=600, interval=0.2)
    # What a kill interrupted is delivered again, after its effect may already be there:
    # let those deliveries drain before the clean stop.
    wait_until(lambda: waiting_in(broker.url, "default") == 0, timeout=120, interval=0.2)
    worker.stop()  # a clean stop: nothing finished may be left to come back
    assert waiting_in(broker.url, "default") == 0
    effects, runs = tally(path)
    assert effects == JOBS  # none lost, none twice
    # A kill can make only the tasks it interrupted run again: two pool processes, each
    # holding one task and one prefetched, at each of three kills.
    assert runs - JOBS <= 3 * 2 * 2
    worker = start_worker(*worker_args)
    celery.send_task("tests.count", args=[path, SENTINEL], queue="default")
    wait_until(lambda: tally(path)[0] == JOBS + 1, timeout=120, interval=0.1)
    assert tally(path)[1] == runs + 1  # only the sentinel ran after the restart
    print(f"{broker.name}: {JOBS} jobs, {effects} effects, {runs} runs, kills after {moments}")

"""A task that kills the worker process running it, every time (loaded only by the tests'
workers, with `--include tests.worker.poison`)."""

import os
import signal
from pathlib import Path

from celery import shared_task

from cashbook.worker.app import CashbookTask


@shared_task(name="tests.poison", bind=True, base=CashbookTask)
def poison(self, deliveries_file: str) -> None:
    with Path(deliveries_file).open("a") as deliveries:
        deliveries.write(f"{os.getpid()}\n")
    os.kill(os.getpid(), signal.SIGKILL)

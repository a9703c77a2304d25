"""Is this worker's Celery consumer alive? Its own event loop touches a file every few seconds
while it is connected and consuming; `cashbook worker-alive` (the cluster's liveness probe)
fails when the file is older than a limit. A consumer that hangs, or lost the broker and never
got it back, stops touching the file and the pod is restarted. The metrics server, a thread of
its own, answering says nothing about that."""

import time
from pathlib import Path

from celery import Celery, bootsteps

from cashbook.config import Settings

INTERVAL_SECONDS = 5.0


def heartbeat_path(settings: Settings) -> Path:
    return settings.data_dir / "worker-alive"


def _touch(path: Path) -> None:
    path.touch()


def install_heartbeat(celery: Celery, settings: Settings) -> None:
    """Adds the step to the worker's consumer: it runs only while the consumer does."""
    path = heartbeat_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)

    class Heartbeat(bootsteps.StartStopStep):
        # After the task consumer: the file says messages are being taken.
        requires = {"celery.worker.consumer.tasks:Tasks"}

        def __init__(self, parent, **kwargs) -> None:
            super().__init__(parent, **kwargs)
            self.timer_entry = None

        def start(self, consumer) -> None:
            _touch(path)
            self.timer_entry = consumer.timer.call_repeatedly(INTERVAL_SECONDS, _touch, (path,))

        def stop(self, consumer) -> None:
            if self.timer_entry is not None:
                self.timer_entry.cancel()
                self.timer_entry = None

    celery.steps["consumer"].add(Heartbeat)


def seconds_since_heartbeat(settings: Settings) -> float | None:
    """Seconds since the consumer last touched the file; None before its first time."""
    try:
        return time.time() - heartbeat_path(settings).stat().st_mtime
    except FileNotFoundError:
        return None

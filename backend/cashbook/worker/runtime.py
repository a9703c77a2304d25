"""How async code runs inside a (synchronous) Celery task: the one place that decides it.

Each worker process gets one event loop and one database engine, made the first time a task
runs in it (after the fork, so no process shares another's connections). A job runs in one
unit of work that commits when it returns; jobs it enqueues are published after that commit.
"""

import asyncio
import os
from typing import Any

import structlog
from celery import Celery
from celery.signals import worker_process_shutdown
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from cashbook.kit.db import create_engine, create_sessionmaker
from cashbook.worker import jobs

log = structlog.get_logger(__name__)


class _ProcessRuntime:
    def __init__(self, app: Celery) -> None:
        self.pid = os.getpid()
        self.app = app
        self.settings = app.cashbook_settings  # type: ignore[attr-defined]
        self.loop = asyncio.new_event_loop()
        self.engine: AsyncEngine = create_engine(self.settings)
        self.sessionmaker: async_sessionmaker[AsyncSession] = create_sessionmaker(
            self.engine,
            info={jobs.PUBLISHER_KEY: app.cashbook_publisher},  # type: ignore[attr-defined]
        )

    def close(self) -> None:
        self.loop.run_until_complete(self.engine.dispose())
        self.loop.close()


_runtime: _ProcessRuntime | None = None


def _current(app: Celery) -> _ProcessRuntime:
    global _runtime
    if _runtime is None or _runtime.pid != os.getpid() or _runtime.app is not app:
        _runtime = _ProcessRuntime(app)
    return _runtime


def run(app: Celery, name: str, ids: tuple[Any, ...]) -> Any:
    """Run job `name` with `ids` to completion in this process's event loop."""
    runtime = _current(app)
    structlog.contextvars.bind_contextvars(job=name)
    try:
        return runtime.loop.run_until_complete(
            jobs.run_job(runtime.sessionmaker, runtime.settings, name, ids)
        )
    finally:
        structlog.contextvars.unbind_contextvars("job")


def give_up(app: Celery, name: str, ids: tuple[Any, ...]) -> None:
    runtime = _current(app)
    runtime.loop.run_until_complete(jobs.give_up(runtime.sessionmaker, runtime.settings, name, ids))


def shutdown() -> None:
    global _runtime
    if _runtime is not None and _runtime.pid == os.getpid():
        _runtime.close()
    _runtime = None


@worker_process_shutdown.connect
def _close_on_exit(**_: Any) -> None:
    shutdown()

"""One per API process: reads new `live_events` rows and hands each to the connections of the
person it is addressed to.

Every process reads the same table, so an event written by a worker or by another API process
reaches whichever process holds the person's connection, with no broker in between; this
works alike in the one-machine mode (SQLite) and the cluster (MariaDB). The hub polls only
while someone is connected: one indexed range read per interval per process.
"""

import asyncio
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cashbook.live.repository import LiveEventRepository
from cashbook.models import LiveEvent

log = structlog.get_logger(__name__)
BATCH = 500


class LiveHub:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], interval_seconds: float
    ) -> None:
        self.sessionmaker = sessionmaker
        self.interval = interval_seconds
        self.queues: dict[uuid.UUID, set[asyncio.Queue[LiveEvent]]] = defaultdict(set)
        self._task: asyncio.Task | None = None
        self._last_id = 0

    @asynccontextmanager
    async def subscribe(self, user_id: uuid.UUID) -> AsyncIterator[asyncio.Queue[LiveEvent]]:
        """A queue of the events addressed to `user_id` from now on."""
        if self._task is None or self._task.done():
            async with self.sessionmaker() as session:
                self._last_id = await LiveEventRepository(session).newest_id()
            self._task = asyncio.create_task(self._poll())
        queue: asyncio.Queue[LiveEvent] = asyncio.Queue()
        self.queues[user_id].add(queue)
        try:
            yield queue
        finally:
            self.queues[user_id].discard(queue)
            if not self.queues[user_id]:
                del self.queues[user_id]

    async def _poll(self) -> None:
        while self.queues:
            try:
                async with self.sessionmaker() as session:
                    rows = await LiveEventRepository(session).after(self._last_id, BATCH)
            except Exception:  # noqa: BLE001 - a database hiccup: try again next interval
                log.warning("live events not read", exc_info=True)
                rows = []
            for row in rows:
                self._last_id = row.id
                for queue in self.queues.get(row.user_id, ()):
                    queue.put_nowait(row)
            if len(rows) < BATCH:
                await asyncio.sleep(self.interval)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()

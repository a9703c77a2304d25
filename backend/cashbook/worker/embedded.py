"""The one-machine broker: kombu's SQLAlchemy transport on a SQLite file, made as safe as the
RabbitMQ setup where it matters.

A worker uses its channel from two threads: the consumer takes messages while the pool's
result handler acknowledges finished tasks. The stock transport shares one ORM session between
them, so an acknowledgement could land inside a fetch's transaction and fail, leaving a
finished task to be restored (and run again) at shutdown. Here every operation has a session
and a transaction of its own, and a message is one row for its whole life:

- taking it marks the row invisible (no two consumers share it);
- acknowledging or rejecting it deletes the row;
- returning it (a requeue, or the worker stopping before it started) makes the same row visible
  again, so a return that races an acknowledgement finds nothing to return, and nothing is ever
  copied; a task already running when its worker stopped still deletes the row when it
  finishes, so finished work never comes back at the next start.

Every transaction takes SQLite's write lock when it begins. One that read first and wrote
later would have to upgrade its lock, and two such upgrades deadlock: SQLite then fails one at
once ("database is locked") instead of letting it wait. Waiting is given 30 s, not SQLite's
5 s, as a loaded machine can take that long.

A row still invisible when the (only) worker starts was taken by a worker that died, so it is
made visible again. Every return counts as a delivery, and a message delivered `MAX_DELIVERIES`
times goes to the dead-letter queue instead, as RabbitMQ's delivery limit does.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from queue import Empty
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import TRANSPORT_ALIASES
from kombu.transport import sqlalchemy as sqla
from kombu.utils.encoding import bytes_to_str
from kombu.utils.json import dumps, loads
from sqlalchemy import Engine, event, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cashbook.config import EMBEDDED_BROKER_SCHEME

_ROW = "cashbook_row_id"
_COUNT = "x-delivery-count"
LOCK_WAIT_MS = 30_000


def register() -> None:
    TRANSPORT_ALIASES[EMBEDDED_BROKER_SCHEME] = "cashbook.worker.embedded:Transport"


def _counted(payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The payload with one more return counted, and the number of deliveries so far."""
    headers = payload.setdefault("headers", {})
    returns = int(headers.get(_COUNT, 0)) + 1
    headers[_COUNT] = returns
    payload["properties"].pop(_ROW, None)
    payload["redelivered"] = True
    return payload, returns


def _wait_for_locks(connection: Any, _record: Any) -> None:
    connection.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")


def _limits() -> tuple[str, int]:
    from cashbook.worker.delivery import DEAD_LETTER_QUEUE, MAX_DELIVERIES

    return DEAD_LETTER_QUEUE, MAX_DELIVERIES


class Channel(sqla.Channel):
    def __init__(self, connection: Any, **kwargs: Any) -> None:
        # The row of each message taken and not yet settled, by delivery tag. Kept apart from
        # kombu's bookkeeping, which forgets a message once the channel closes and returns
        # it, while a task that had already started still finishes and acknowledges then.
        self._taken: dict[str, int] = {}
        self._closing = threading.Lock()
        self._make_session: Any = None  # kept: closing drops the connection it comes from
        super().__init__(connection, **kwargs)

    def close(self) -> None:
        super().close()  # returns what kombu knows was taken and not settled
        with self._closing:
            # and what was taken while the channel was closing, before kombu knew of it
            if self._taken:
                with self._transaction() as session:
                    session.execute(
                        update(self.message_cls)
                        .where(self.message_cls.id.in_(list(self._taken.values())))
                        .values(visible=True)
                    )

    def _engine_from_config(self) -> Engine:
        engine = super()._engine_from_config()
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _wait_for_locks)
        return engine

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """A session of its own for one operation, committed as one transaction."""
        if self._make_session is None:
            self._make_session = self._open()[1]
        with self._make_session() as session, session.begin():
            if session.bind.dialect.name == "sqlite":
                session.execute(text("BEGIN IMMEDIATE TRANSACTION"))
            yield session

    def _queue(self, session: Session, name: str) -> Any:
        table = self.queue_cls
        found = session.scalars(select(table).where(table.name == name)).first()
        if found is not None:
            return found
        try:
            with session.begin_nested():
                row = table(name)
                session.add(row)
        except IntegrityError:  # another process declared it just now
            return session.scalars(select(table).where(table.name == name)).one()
        return row

    def _queue_id(self, session: Session, name: str) -> int:
        return self._queue(session, name).id

    def _new_queue(self, queue: str, **kwargs: Any) -> None:
        with self._transaction() as session:
            self._queue_id(session, queue)

    def _put(self, queue: str, payload: dict[str, Any], **kwargs: Any) -> None:
        with self._transaction() as session:
            session.add(self.message_cls(dumps(payload), self._queue(session, queue)))

    def _get(self, queue: str) -> dict[str, Any]:
        table = self.message_cls
        with self._closing, self._transaction() as session:
            if self.closed:
                raise Empty()
            message = session.scalars(
                select(table)
                .where(table.queue_id == self._queue_id(session, queue))
                .where(table.visible != False)  # noqa: E712 - SQL, not Python
                .order_by(table.sent_at, table.id)
                .limit(1)
            ).first()
            if message is None:
                raise Empty()
            message.visible = False
            payload = loads(bytes_to_str(message.payload))
            payload["properties"][_ROW] = message.id
            self._taken[payload["properties"]["delivery_tag"]] = message.id
        return payload

    def _size(self, queue: str) -> int:
        table = self.message_cls
        with self._transaction() as session:
            return (
                session.query(table)
                .filter(
                    table.queue_id == self._queue_id(session, queue),
                    table.visible == True,  # noqa: E712
                )
                .count()
            )

    def _purge(self, queue: str) -> int:
        table = self.message_cls
        with self._transaction() as session:
            mine = session.query(table).filter(table.queue_id == self._queue_id(session, queue))
            count = mine.filter(table.visible == True).delete(synchronize_session=False)  # noqa: E712
            mine.delete(synchronize_session=False)
        return count

    def _delete_row(self, delivery_tag: str) -> None:
        row = self._taken.pop(delivery_tag, None)
        if row is not None:
            with self._transaction() as session:
                session.query(self.message_cls).filter(self.message_cls.id == row).delete()

    def basic_ack(self, delivery_tag: str, multiple: bool = False) -> None:
        self._delete_row(delivery_tag)
        super().basic_ack(delivery_tag, multiple)

    def basic_reject(self, delivery_tag: str, requeue: bool = False) -> None:
        if requeue:  # its row is made visible again by _restore
            self._taken.pop(delivery_tag, None)
        else:
            self._delete_row(delivery_tag)
        super().basic_reject(delivery_tag, requeue=requeue)

    def _restore(self, message: Any) -> None:
        dead_letter_queue, max_deliveries = _limits()
        row = message.properties.get(_ROW)
        payload, deliveries = _counted(message.serializable())
        values: dict[str, Any] = {"payload": dumps(payload), "visible": True}
        with self._transaction() as session:
            if deliveries >= max_deliveries:
                values["queue_id"] = self._queue_id(session, dead_letter_queue)
            # Nothing happens when the row is gone: the message was acknowledged meanwhile.
            session.execute(
                update(self.message_cls).where(self.message_cls.id == row).values(**values)
            )

    def recover_orphans(self) -> int:
        """Put back the messages taken by a worker that is gone; returns how many."""
        dead_letter_queue, max_deliveries = _limits()
        table = self.message_cls
        with self._transaction() as session:
            dead = self._queue_id(session, dead_letter_queue)
            orphans = session.scalars(select(table).where(table.visible == False)).all()  # noqa: E712
            for message in orphans:
                payload, deliveries = _counted(loads(bytes_to_str(message.payload)))
                message.payload = dumps(payload)
                message.visible = True
                if deliveries >= max_deliveries:
                    message.queue_id = dead
        return len(orphans)


class Transport(sqla.Transport):
    Channel = Channel
    # The stock transport polls once a second; a job should start within half of one.
    polling_interval = 0.5


def recover_orphans(celery_app: Any) -> int:
    with celery_app.connection_for_write() as connection:
        channel = connection.default_channel
        if not isinstance(channel, Channel):
            raise ChannelError("not the embedded broker")
        return channel.recover_orphans()

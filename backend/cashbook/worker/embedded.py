"""The one-machine broker: kombu's SQLAlchemy transport on a SQLite file, made as safe as the
RabbitMQ setup where it matters.

The stock transport keeps every delivered message (marked invisible) forever and forgets a
message taken by a worker that was killed. Here an acknowledged message is deleted; a message
still invisible when the (only) worker starts was taken by a worker that died, so it is made
visible again. Every return counts as a delivery, and a message delivered `MAX_DELIVERIES`
times goes to the dead-letter queue instead, as RabbitMQ's delivery limit does.
"""

from queue import Empty
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import TRANSPORT_ALIASES
from kombu.transport import sqlalchemy as sqla
from kombu.utils.encoding import bytes_to_str
from kombu.utils.json import dumps, loads
from sqlalchemy import text

from cashbook.config import EMBEDDED_BROKER_SCHEME

_ROW = "cashbook_row_id"
_COUNT = "x-delivery-count"


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


class Channel(sqla.Channel):
    def _get(self, queue: str) -> dict[str, Any]:
        queue_row = self._get_or_create(queue)
        self.session.execute(text("BEGIN IMMEDIATE TRANSACTION"))
        try:
            message = (
                self.session.query(self.message_cls)
                .filter(self.message_cls.queue_id == queue_row.id)
                .filter(self.message_cls.visible != False)  # noqa: E712 - SQL, not Python
                .order_by(self.message_cls.sent_at, self.message_cls.id)
                .limit(1)
                .first()
            )
            if message is None:
                raise Empty()
            message.visible = False
            payload = loads(bytes_to_str(message.payload))
            payload["properties"][_ROW] = message.id
            return payload
        finally:
            self.session.commit()

    def _delete_row(self, delivery_tag: str) -> None:
        message = self.qos._delivered.get(delivery_tag)
        row = message.properties.get(_ROW) if message is not None else None
        if row is not None:
            self.session.query(self.message_cls).filter(self.message_cls.id == row).delete()
            self.session.commit()

    def basic_ack(self, delivery_tag: str, multiple: bool = False) -> None:
        self._delete_row(delivery_tag)
        super().basic_ack(delivery_tag, multiple)

    def basic_reject(self, delivery_tag: str, requeue: bool = False) -> None:
        # A requeued message is put back as a new row (by _restore) before the old one goes.
        super().basic_reject(delivery_tag, requeue=requeue)
        self._delete_row(delivery_tag)

    def _restore(self, message: Any) -> None:
        from cashbook.worker.delivery import DEAD_LETTER_QUEUE, MAX_DELIVERIES

        delivery_info = message.delivery_info
        payload, deliveries = _counted(message.serializable())
        if deliveries >= MAX_DELIVERIES:
            self._put(DEAD_LETTER_QUEUE, payload)
            return
        for queue in self._lookup(delivery_info["exchange"], delivery_info["routing_key"]):
            self._put(queue, payload)

    def recover_orphans(self) -> int:
        """Put back the messages taken by a worker that is gone; returns how many."""
        from cashbook.worker.delivery import DEAD_LETTER_QUEUE, MAX_DELIVERIES

        dead = self._get_or_create(DEAD_LETTER_QUEUE)
        orphans = self.session.query(self.message_cls).filter(
            self.message_cls.visible == False  # noqa: E712 - SQL, not Python
        )
        count = 0
        for message in orphans.all():
            payload, deliveries = _counted(loads(bytes_to_str(message.payload)))
            message.payload = dumps(payload)
            message.visible = True
            if deliveries >= MAX_DELIVERIES:
                message.queue_id = dead.id
            count += 1
        self.session.commit()
        return count


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

"""The embedded broker's channel, used as a worker uses it: one thread takes messages while
another acknowledges finished ones, then the channel closes."""

import queue
import threading

from kombu import Connection

from cashbook.worker import embedded

MESSAGES = 400


def _rows(connection: Connection) -> list[tuple[int, bool]]:
    channel = connection.default_channel
    with channel._transaction() as session:
        table = channel.message_cls
        return [(m.id, m.visible) for m in session.query(table).order_by(table.id)]


def test_taking_and_acknowledging_from_two_threads_runs_each_message_once_and_leaves_nothing(
    tmp_path,
):
    embedded.register()
    url = f"cashbook-sqlite+sqlite:///{tmp_path / 'broker.sqlite'}"
    with Connection(url) as producer:
        channel = producer.default_channel
        for number in range(MESSAGES):
            channel.basic_publish(channel.prepare_message(str(number)), "", "work")

    with Connection(url) as worker:
        channel = worker.default_channel
        taken: queue.Queue = queue.Queue()
        seen: list[str] = []
        errors: list[BaseException] = []

        def take() -> None:
            try:
                while len(seen) < MESSAGES:
                    message = channel.basic_get("work", no_ack=False)
                    if message is not None:
                        seen.append(message.body.decode())
                        taken.put(message)
                taken.put(None)
            except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)
                taken.put(None)

        def acknowledge() -> None:
            try:
                while (message := taken.get()) is not None:
                    message.ack()
            except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)

        threads = [threading.Thread(target=take), threading.Thread(target=acknowledge)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
        # One message taken but never acknowledged: the worker stops before running it.
        channel.basic_publish(channel.prepare_message("last"), "", "work")
        unfinished = channel.basic_get("work", no_ack=False)
        assert unfinished.body == b"last"

    assert sorted(seen, key=int) == [str(n) for n in range(MESSAGES)]
    with Connection(url) as after:
        # Closing returned the unfinished message as the same row: nothing finished came back.
        [(row, visible)] = _rows(after)
        assert visible
        again = after.default_channel.basic_get("work", no_ack=False)
        assert again.body == b"last" and again.headers["x-delivery-count"] == 1

# Real worker processes and their brokers, as the worker tests start them.
from tests.worker.conftest import broker, rabbitmq_url, settings, start_worker  # noqa: F401

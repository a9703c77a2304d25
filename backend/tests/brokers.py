"""Where the worker tests find their brokers: the embedded one always, RabbitMQ when
`CASHBOOK_TEST_RABBITMQ_URL` is set (required when `CI=true`). Each run gets a virtual host of
its own (made with rabbitmqctl when it is at hand), so parallel runs cannot see each other."""

import os
import shutil
import subprocess
import uuid
from urllib.parse import quote, urlsplit, urlunsplit

RABBITMQ_ENV = "CASHBOOK_TEST_RABBITMQ_URL"


def brokers() -> list[str]:
    return ["embedded", "rabbitmq"] if os.environ.get(RABBITMQ_ENV) else ["embedded"]


def rabbitmq_url_for_humans() -> str:
    parts = urlsplit(os.environ[RABBITMQ_ENV])
    return urlunsplit(parts._replace(netloc=parts.hostname + f":{parts.port or 5672}"))


def rabbitmq_problem() -> str | None:
    from kombu import Connection

    try:
        with Connection(os.environ[RABBITMQ_ENV], connect_timeout=5) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception as error:  # noqa: BLE001 - any failure: say what it was
        return f"{type(error).__name__}: {error}"
    return None


def _rabbitmqctl(*args: str) -> bool:
    if shutil.which("rabbitmqctl") is None:
        return False
    result = subprocess.run(
        ["rabbitmqctl", *args], capture_output=True, text=True, timeout=60, check=False
    )
    return result.returncode == 0


def fresh_vhost() -> tuple[str, str | None]:
    """A RabbitMQ URL on a new virtual host, and the host's name to delete afterwards (None
    when rabbitmqctl is not at hand: then the URL's own virtual host is used)."""
    url = os.environ[RABBITMQ_ENV]
    parts = urlsplit(url)
    name = f"cashbook_test_{uuid.uuid4().hex[:10]}"
    user = parts.username or "guest"
    if _rabbitmqctl("add_vhost", name) and _rabbitmqctl(
        "set_permissions", "-p", name, user, ".*", ".*", ".*"
    ):
        return urlunsplit(parts._replace(path="/" + quote(name, safe=""))), name
    return url, None


def delete_vhost(name: str) -> None:
    _rabbitmqctl("delete_vhost", name)

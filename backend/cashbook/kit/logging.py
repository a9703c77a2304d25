"""Structured logs: one JSON object per line in production, readable lines on a terminal.

A JSON line has `timestamp`, `level`, `logger` and `message`; a request's lines add
`request_id` (and `user_id` once the user is known), its access line `route`, `status` and
`duration_ms`; a worker's task lines add `task` and `task_id`.

Standard-library loggers (uvicorn, SQLAlchemy, Celery) go through the same processors, so
every line has the same shape, and values under secret-looking keys are masked.
"""

import logging
import re
import sys
from typing import Any

import structlog

_SECRET_KEY = re.compile(r"pass(word)?|secret|token|authorization|cookie|api_key|dsn", re.I)
_REDACTED = "[redacted]"


def _redact(_logger: Any, _name: str, event: dict[str, Any]) -> dict[str, Any]:
    for key in event:
        if _SECRET_KEY.search(key):
            event[key] = _REDACTED
    return event


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at the time of the record (test captures swap it)."""

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure_logging(level: str = "INFO", fmt: str = "console") -> None:
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _redact,
    ]
    # JSON lines name the text `message`, as Loki and most log tools expect.
    renderers: list[Any] = (
        [structlog.processors.EventRenamer("message"), structlog.processors.JSONRenderer()]
        if fmt == "json"
        else [structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())]
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = _StderrHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                *renderers,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    # Warnings (a library's deprecation, Celery's advice) become log lines of the same shape.
    logging.captureWarnings(True)
    root.setLevel(level.upper())
    # The API logs its own access line with the route template and request id.
    logging.getLogger("uvicorn.access").disabled = True
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True


def bind_user(user_id: Any) -> None:
    """Every later log line of this request (or task) carries the user's id, never more."""
    structlog.contextvars.bind_contextvars(user_id=str(user_id))

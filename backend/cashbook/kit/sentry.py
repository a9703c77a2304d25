"""Error reports to Sentry (when `SENTRY_DSN` is set), from the API and the worker.

What leaves the process is decided here, and it is little: the exception's type and stack
(function names and source lines, never local variables), the route, the task name, the
user's id, the environment and release. Exception messages are dropped, because one may hold
a decrypted description or an email; request bodies, cookies, query strings and all but a
few headers are dropped; the remaining free text is masked for emails and token-like strings.
"""

import re
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import sentry_sdk
from sentry_sdk.integrations.logging import LoggingIntegration

from cashbook.config import Settings

REDACTED = "[redacted]"
SAFE_HEADERS = frozenset(
    {"accept", "content-length", "content-type", "host", "user-agent", "x-request-id"}
)
# Keys kept from Celery's job description: the task's name, never its arguments.
SAFE_EXTRA = frozenset({"task_name"})

_EMAIL = re.compile(r"[^\s@<>\"'(),;:]+@[^\s@<>\"'(),;:]+")
_QUERY = re.compile(r"\?[^\s#\"']*")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+\S+")
# Tokens, keys, JWTs, account numbers: long unbroken runs of letters and digits (a run with no
# digit is a word, not a token, and is kept: identifiers in messages stay readable).
_TOKENISH = re.compile(r"[A-Za-z0-9_\-+/=.]{20,}|\d[\d ]{7,}\d")


def _is_token(text: str) -> bool:
    return any(char.isdigit() for char in text)


def scrub_text(text: str) -> str:
    text = _BEARER.sub(r"\1 " + REDACTED, text)
    text = _EMAIL.sub("[email]", text)
    text = _QUERY.sub("", text)
    return _TOKENISH.sub(lambda m: REDACTED if _is_token(m.group()) else m.group(), text)


def _scrub_tree(value: Any) -> Any:
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {key: _scrub_tree(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_tree(item) for item in value]
    return value


def _scrub_request(request: dict[str, Any]) -> dict[str, Any]:
    headers = request.get("headers") or {}
    kept = {
        name: value
        for name, value in (headers.items() if isinstance(headers, dict) else headers)
        if name.lower() in SAFE_HEADERS
    }
    url = request.get("url")
    return {
        "method": request.get("method"),
        "url": _QUERY.sub("", url) if isinstance(url, str) else None,
        "headers": kept,
    }


def _log_message(hint: dict[str, Any] | None) -> str | None:
    """A log record's event name: structlog hands the whole event dict to the stdlib record,
    and only its `event` is a fixed string."""
    record = (hint or {}).get("log_record")
    if record is None:
        return None
    message = record.msg
    if isinstance(message, dict):
        return str(message.get("event", ""))
    return str(message)


def scrub_event(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Sentry's `before_send` (and `before_send_transaction`): keep what helps find the bug,
    drop anything that could hold decrypted data, tokens or emails."""
    if "request" in event:
        event["request"] = _scrub_request(event["request"])
    user_id = (event.get("user") or {}).get("id")
    event["user"] = {"id": str(user_id)} if user_id is not None else {}
    for exception in (event.get("exception") or {}).get("values", []):
        exception["value"] = REDACTED
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    for thread in (event.get("threads") or {}).get("values", []):
        for frame in (thread.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    if "logentry" in event:
        message = _log_message(hint)
        event["logentry"] = {"message": scrub_text(message or event["logentry"].get("message", ""))}
    event.pop("message", None)
    extra = event.get("extra") or {}
    job = extra.get("celery-job")
    event["extra"] = (
        {"celery-job": {k: v for k, v in job.items() if k in SAFE_EXTRA}}
        if isinstance(job, dict)
        else {}
    )
    breadcrumbs = event.get("breadcrumbs")
    if isinstance(breadcrumbs, dict):
        breadcrumbs["values"] = [scrub_breadcrumb(b) for b in breadcrumbs.get("values", [])]
    # Trace and span ids are hex runs that must stay as they are; what surrounds them is text.
    contexts = event.get("contexts") or {}
    event["contexts"] = {
        name: context if name == "trace" else _scrub_tree(context)
        for name, context in contexts.items()
    }
    for span in event.get("spans") or []:
        for key in ("description", "data"):
            if key in span:
                span[key] = _scrub_tree(span[key])
    return event


def scrub_breadcrumb(crumb: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    kept = {key: crumb[key] for key in ("type", "category", "level", "timestamp") if key in crumb}
    message = _log_message(hint) if hint else crumb.get("message")
    if message:
        kept["message"] = scrub_text(message)
    data = crumb.get("data") or {}
    safe_data = {k: data[k] for k in ("method", "status_code", "reason") if k in data}
    if isinstance(data.get("url"), str):
        safe_data["url"] = _QUERY.sub("", data["url"])
    if safe_data:
        kept["data"] = safe_data
    return kept


def release(settings: Settings) -> str:
    if settings.sentry_release:
        return settings.sentry_release
    try:
        return f"cashbook@{version('cashbook')}"
    except PackageNotFoundError:
        return "cashbook@unknown"


def init_sentry(settings: Settings, component: str) -> bool:
    """Start reporting errors of this process (`component` is "api" or "worker")."""
    dsn = settings.sentry_dsn.get_secret_value() if settings.sentry_dsn else ""
    if not dsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=settings.sentry_environment or settings.env.value,
        release=release(settings),
        traces_sample_rate=settings.sentry_traces_sample_rate,
        # What `send_default_pii=False` meant, said the way this SDK wants it (the old option is
        # deprecated): no user details, cookies, bodies, query strings, SQL parameters or local
        # variables; only harmless request headers.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "allowlist", "terms": sorted(SAFE_HEADERS)}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "graphql": {"document": False, "variables": False},
            "gen_ai": {"inputs": False, "outputs": False},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
        },
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        before_breadcrumb=scrub_breadcrumb,
        # Errors logged by the app become events; their text is the event name only.
        integrations=[LoggingIntegration(level=None, event_level="ERROR")],
    )
    sentry_sdk.set_tag("component", component)
    return True


def set_user(user_id: Any) -> None:
    """The signed-in user, by id only, on this request's error reports."""
    sentry_sdk.set_user({"id": str(user_id)})

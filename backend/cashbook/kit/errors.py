"""Domain errors carry their status and a stable code; one set of handlers renders every error.

Every 4xx/5xx leaves as `{"detail": ...}` as fastapi-users does: a stable code string, or
`{"code": ..., "reason": ...}` when a person needs an explanation, or (422) a list of field errors.
"""

from typing import Any

import structlog
from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

log = structlog.get_logger(__name__)

# SQLite's "database is locked" after its busy timeout; MariaDB's lock wait timeout, deadlock.
_BUSY_CODES = (1205, 1213)
RETRY_AFTER_SECONDS = 2


class CashbookError(Exception):
    status_code: int = status.HTTP_400_BAD_REQUEST
    code: str = "BAD_REQUEST"

    def __init__(
        self,
        reason: str,
        *,
        code: str | None = None,
        status_code: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        if code is not None:
            self.code = code
        if status_code is not None:
            self.status_code = status_code
        self.headers = headers

    @property
    def detail(self) -> dict[str, str]:
        return {"code": self.code, "reason": self.reason}


class NotFound(CashbookError):
    status_code = status.HTTP_404_NOT_FOUND
    code = "NOT_FOUND"


class Conflict(CashbookError):
    status_code = status.HTTP_409_CONFLICT
    code = "CONFLICT"


class LimitReached(Conflict):
    code = "LIMIT_REACHED"


class PermissionDenied(CashbookError):
    status_code = status.HTTP_403_FORBIDDEN
    code = "FORBIDDEN"


class TooManyRequests(CashbookError):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    code = "TOO_MANY_REQUESTS"


class ErrorDetail(BaseModel):
    code: str
    reason: str


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ErrorBody(BaseModel):
    """Every error's body: a stable code, a code with a reason, or (422) the fields at fault."""

    detail: str | ErrorDetail | list[FieldError]


def error_response(
    status_code: int, detail: Any, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status_code, headers=headers)


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    # The offending input is left out on purpose: it may be a password or several megabytes.
    return [
        {
            "loc": list(error.get("loc", ())),
            "msg": error.get("msg", ""),
            "type": error.get("type", ""),
        }
        for error in exc.errors()
    ]


async def _cashbook_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CashbookError)
    return error_response(exc.status_code, exc.detail, exc.headers)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return error_response(exc.status_code, exc.detail, getattr(exc, "headers", None))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(status.HTTP_422_UNPROCESSABLE_CONTENT, _field_errors(exc))


async def _database_unavailable(_request: Request, exc: Exception) -> JSONResponse:
    # The database went away (restarting, failing over, a network cut) or is busy: the pool
    # reconnects by itself once it is back, so the client should simply try again shortly.
    log.warning("database unavailable", error=type(exc).__name__)
    return error_response(
        status.HTTP_503_SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE", {"Retry-After": "5"}
    )


async def _unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    return error_response(status.HTTP_500_INTERNAL_SERVER_ERROR, "INTERNAL_ERROR")


def is_database_busy(exc: OperationalError) -> bool:
    """Whether a write failed only because the database's lock was not free in time."""
    args = getattr(exc.orig, "args", ())
    return "database is locked" in str(exc.orig) or bool(args and args[0] in _BUSY_CODES)


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    if not (isinstance(exc, OperationalError) and is_database_busy(exc)):
        return await _database_unavailable(request, exc)
    log.warning("database busy; the client is asked to retry", path=request.url.path)
    return error_response(
        status.HTTP_503_SERVICE_UNAVAILABLE,
        {"code": "DATABASE_BUSY", "reason": "The database is busy; try again in a moment."},
        {"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(CashbookError, _cashbook_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for database_error in (OperationalError, InterfaceError, PoolTimeout):
        app.add_exception_handler(database_error, _database_error)
    app.add_exception_handler(Exception, _unexpected_error)

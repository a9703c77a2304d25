from fastapi import APIRouter, status
from fastapi.responses import JSONResponse
from sqlalchemy import text

from cashbook.kit import alembic
from cashbook.kit.deps import SessionDep
from cashbook.kit.errors import error_response

router = APIRouter(tags=["health"])


@router.get("/healthz", operation_id="health:alive")
async def alive() -> dict[str, str]:
    """The process is alive."""
    return {"status": "ok"}


@router.get("/readyz", operation_id="health:ready")
async def ready(session: SessionDep) -> JSONResponse:
    """The database answers and its schema is at (or past) this code's newest migration."""
    try:
        await session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure to reach the database means "not ready"
        return error_response(status.HTTP_503_SERVICE_UNAVAILABLE, "DATABASE_UNREACHABLE")
    try:
        rows = await session.execute(text("SELECT version_num FROM alembic_version"))
        current = frozenset(rows.scalars())
    except Exception:  # noqa: BLE001 - no version table yet: never migrated
        current = frozenset()
    if alembic.is_behind(current):
        return error_response(status.HTTP_503_SERVICE_UNAVAILABLE, "MIGRATIONS_PENDING")
    return JSONResponse({"status": "ok"})

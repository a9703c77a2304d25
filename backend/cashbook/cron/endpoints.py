from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from cashbook.cron.service import cron_service
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.models.base import utcnow

router = APIRouter(prefix="/internal/cron", tags=["internal"])
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(auto_error=False))]


class CronTriggered(BaseModel):
    job: str
    slot: str
    run_id: int
    status: str
    created: bool


@router.post(
    "/{job}",
    operation_id="cron:trigger",
    response_model=CronTriggered,
    status_code=status.HTTP_202_ACCEPTED,
)
async def trigger(job: str, credentials: Bearer, session: SessionDep, settings: SettingsDep):
    """Enqueue a periodic job for the current time slot (once per slot)."""
    cron_service.check_token(settings, credentials.credentials if credentials else None)
    result = await cron_service.trigger(session, job, utcnow())
    return CronTriggered(
        job=result.run.job,
        slot=result.run.slot,
        run_id=result.run.id,
        status=result.run.status,
        created=result.created,
    )

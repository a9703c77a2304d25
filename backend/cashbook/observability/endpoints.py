from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.kit.metrics import exposition
from cashbook.observability.service import observability_service

router = APIRouter(tags=["observability"])
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(auto_error=False))]


@router.get("/metrics", operation_id="observability:metrics", include_in_schema=False)
async def metrics(credentials: Bearer, session: SessionDep, settings: SettingsDep) -> Response:
    """Prometheus metrics (Bearer METRICS_TOKEN when it is set)."""
    observability_service.check_token(settings, credentials.credentials if credentials else None)
    await observability_service.refresh_gauges(session, settings)
    body, content_type = exposition()
    return Response(body, media_type=content_type)

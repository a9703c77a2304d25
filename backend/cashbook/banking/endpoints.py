import uuid
from typing import Annotated

from fastapi import APIRouter, Cookie, Query, Response, status
from fastapi.responses import RedirectResponse

from cashbook.auth.backends import CurrentUser
from cashbook.banking.schemas import (
    BankConnectionCreate,
    BankConnectionRead,
    BankConnectionStarted,
    BankProviderRead,
    SyncRunRead,
)
from cashbook.banking.service import FLOW_COOKIE, FLOW_LIFETIME, connection_service
from cashbook.config import Settings
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.kit.encryption import KeysDep

router = APIRouter(prefix="/bank", tags=["bank"])


def _started(settings: Settings, connection, url: str, state: str) -> Response:
    """The authorisation URL, and the state in a cookie of this browser only: the callback
    accepts the bank's answer only in the browser that asked for it."""
    body = BankConnectionStarted(id=connection.id, status=connection.status, authorization_url=url)
    response = Response(
        body.model_dump_json(), status_code=status.HTTP_201_CREATED, media_type="application/json"
    )
    response.set_cookie(
        FLOW_COOKIE,
        state,
        max_age=int(FLOW_LIFETIME.total_seconds()),
        path="/bank/callback",
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
    )
    return response


@router.get("/providers", operation_id="bank:providers", response_model=list[BankProviderRead])
async def list_providers(settings: SettingsDep, _user: CurrentUser) -> list[BankProviderRead]:
    """The banks this installation can connect to."""
    return connection_service.providers(settings)


@router.post(
    "/connections",
    operation_id="bank:connections.create",
    response_model=BankConnectionStarted,
    status_code=status.HTTP_201_CREATED,
)
async def create_connection(
    session: SessionDep,
    settings: SettingsDep,
    keys: KeysDep,
    user: CurrentUser,
    data: BankConnectionCreate | None = None,
) -> Response:
    """Start connecting a bank: returns the bank's authorisation URL."""
    provider = (data or BankConnectionCreate()).provider
    connection, url, state = await connection_service.start(session, keys, settings, user, provider)
    return _started(settings, connection, url, state)


@router.get(
    "/callback",
    operation_id="bank:callback",
    responses={status.HTTP_303_SEE_OTHER: {"description": "Back to the web app's accounts."}},
)
async def callback(
    session: SessionDep,
    settings: SettingsDep,
    keys: KeysDep,
    state: Annotated[str | None, Query(max_length=200)] = None,
    code: Annotated[str | None, Query(max_length=2000)] = None,
    error: Annotated[str | None, Query(max_length=200)] = None,
    flow: Annotated[str | None, Cookie(alias=FLOW_COOKIE)] = None,
) -> RedirectResponse:
    """Where the bank sends the browser back; it then lands on the web app's accounts page."""
    target = await connection_service.callback(
        session, keys, settings, state=state, code=code, error=error, cookie_state=flow
    )
    response = RedirectResponse(target, status_code=status.HTTP_303_SEE_OTHER)
    response.delete_cookie(FLOW_COOKIE, path="/bank/callback")
    return response


@router.get(
    "/connections", operation_id="bank:connections.list", response_model=list[BankConnectionRead]
)
async def list_connections(
    session: SessionDep, keys: KeysDep, user: CurrentUser
) -> list[BankConnectionRead]:
    """Connections with their status, accounts, last sync, last error and next sync."""
    return await connection_service.all_for(session, keys, user)


@router.get(
    "/connections/{connection_id}",
    operation_id="bank:connections.get",
    response_model=BankConnectionRead,
)
async def get_connection(
    connection_id: uuid.UUID, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> BankConnectionRead:
    """One connection."""
    [connection] = await connection_service.all_for(session, keys, user, only=connection_id)
    return connection


@router.post(
    "/connections/{connection_id}/sync",
    operation_id="bank:connections.sync",
    response_model=SyncRunRead,
    status_code=status.HTTP_202_ACCEPTED,
)
async def sync_connection(
    connection_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> SyncRunRead:
    """Fetch new transactions now (in the background)."""
    run = await connection_service.request_sync(session, user, connection_id)
    return SyncRunRead.model_validate(run)


@router.get(
    "/connections/{connection_id}/runs",
    operation_id="bank:connections.runs",
    response_model=list[SyncRunRead],
)
async def list_runs(
    connection_id: uuid.UUID,
    session: SessionDep,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[SyncRunRead]:
    """The connection's recent syncs, newest first."""
    return await connection_service.runs(session, user, connection_id, limit)


@router.post(
    "/connections/{connection_id}/reauthorize",
    operation_id="bank:connections.reauthorize",
    response_model=BankConnectionStarted,
    status_code=status.HTTP_201_CREATED,
)
async def reauthorize_connection(
    connection_id: uuid.UUID,
    session: SessionDep,
    settings: SettingsDep,
    keys: KeysDep,
    user: CurrentUser,
) -> Response:
    """Give consent at the bank again (after it expired or was revoked)."""
    connection, url, state = await connection_service.reauthorize(
        session, keys, settings, user, connection_id
    )
    return _started(settings, connection, url, state)


@router.delete(
    "/connections/{connection_id}",
    operation_id="bank:connections.delete",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def delete_connection(
    connection_id: uuid.UUID,
    session: SessionDep,
    settings: SettingsDep,
    keys: KeysDep,
    user: CurrentUser,
) -> Response:
    """Disconnect: revoke the consent at the bank and erase the tokens. The transactions
    already fetched stay in their accounts."""
    await connection_service.delete(session, keys, settings, user, connection_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

"""The administration API (`/admin/...`, administrators only) and what a person sees of it:
whether they are being impersonated, and every access to their account."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi_users.authentication.transport.bearer import BearerResponse

from cashbook.admin.impersonation import (
    IMPERSONATION_COOKIE,
    IMPERSONATION_LIFETIME,
    ActorJWTStrategy,
    current_impersonation,
)
from cashbook.admin.schemas import (
    AdminUser,
    AuditEntryRead,
    CurrentImpersonation,
    ImpersonationRead,
    ImpersonationStart,
    ImpersonationStarted,
)
from cashbook.admin.service import admin_service
from cashbook.auth.backends import CurrentAdmin, CurrentUser, UserManagerDep, jwt_backend
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.models import Impersonation

router = APIRouter(prefix="/admin", tags=["admin"])
person_router = APIRouter(tags=["users"])

Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0)]
Strategy = Annotated[ActorJWTStrategy, Depends(jwt_backend.get_strategy)]


@router.get("/users", operation_id="admin:list_users", response_model=list[AdminUser])
async def list_users(
    _admin: CurrentAdmin, session: SessionDep, limit: Limit = 50, offset: Offset = 0
) -> list[AdminUser]:
    """Every account, oldest first: who, verified, active, last sign-in, how many accounts."""
    return await admin_service.list_users(session, limit=limit, offset=offset)


@router.post(
    "/users/{user_id}/deactivate", operation_id="admin:deactivate_user", response_model=AdminUser
)
async def deactivate_user(
    user_id: uuid.UUID, admin: CurrentAdmin, session: SessionDep, user_manager: UserManagerDep
) -> AdminUser:
    """Stop a person from signing in; their browser sessions end."""
    user = await admin_service.set_active(user_manager, admin, user_id, active=False)
    return await admin_service.describe(session, user)


@router.post(
    "/users/{user_id}/reactivate", operation_id="admin:reactivate_user", response_model=AdminUser
)
async def reactivate_user(
    user_id: uuid.UUID, admin: CurrentAdmin, session: SessionDep, user_manager: UserManagerDep
) -> AdminUser:
    """Let a deactivated person sign in again."""
    user = await admin_service.set_active(user_manager, admin, user_id, active=True)
    return await admin_service.describe(session, user)


@router.post(
    "/users/{user_id}/resend-verification",
    operation_id="admin:resend_verification",
    status_code=status.HTTP_202_ACCEPTED,
)
async def resend_verification(
    user_id: uuid.UUID, _admin: CurrentAdmin, user_manager: UserManagerDep
) -> None:
    """Send the email-verification message again."""
    await admin_service.resend_verification(user_manager, user_id)


@router.delete(
    "/users/{user_id}", operation_id="admin:delete_user", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_user(
    user_id: uuid.UUID, admin: CurrentAdmin, user_manager: UserManagerDep
) -> None:
    """Delete a person and everything they own."""
    await admin_service.delete_user(user_manager, admin, user_id)


@router.post(
    "/users/{user_id}/impersonate",
    operation_id="admin:impersonate",
    response_model=ImpersonationStarted,
)
async def impersonate(
    user_id: uuid.UUID,
    body: ImpersonationStart,
    admin: CurrentAdmin,
    user_manager: UserManagerDep,
    settings: SettingsDep,
    strategy: Strategy,
    response: Response,
) -> ImpersonationStarted:
    """Act as a person for at most 30 minutes, for a stated reason; every request is audited.

    Returns a Bearer token for API clients and sets a cookie for the browser."""
    impersonation = await admin_service.start_impersonation(
        user_manager, admin, user_id, body.reason
    )
    token = strategy.write_impersonation_token(impersonation)
    response.set_cookie(
        IMPERSONATION_COOKIE,
        token,
        max_age=int(IMPERSONATION_LIFETIME.total_seconds()),
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/",
    )
    return ImpersonationStarted(
        access_token=token,
        impersonation_id=impersonation.id,
        expires_at=impersonation.expires_at,
    )


@router.get("/audit", operation_id="admin:audit_log", response_model=list[AuditEntryRead])
async def audit_log(
    _admin: CurrentAdmin,
    session: SessionDep,
    limit: Limit = 100,
    offset: Offset = 0,
    subject_id: uuid.UUID | None = None,
) -> list[AuditEntryRead]:
    """Every request made while impersonating, newest first. Entries cannot be changed."""
    return await admin_service.audit_log(session, limit=limit, offset=offset, subject_id=subject_id)


@person_router.get(
    "/users/me/impersonation",
    operation_id="users:current_impersonation",
    response_model=CurrentImpersonation | None,
)
async def read_impersonation(request: Request, user: CurrentUser) -> CurrentImpersonation | None:
    """Who is acting as the signed-in person right now, if anyone (for the web app's banner)."""
    impersonation = current_impersonation(request)
    if impersonation is None:
        return None
    read = ImpersonationRead.model_validate(impersonation)
    return CurrentImpersonation(**read.model_dump(), subject_email=user.email)


@person_router.post(
    "/users/me/impersonation/stop",
    operation_id="users:stop_impersonation",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def stop_impersonation(
    request: Request, _user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> Response:
    """End the impersonation this request was made with; the administrator is themselves again."""
    await admin_service.stop_impersonation(session, current_impersonation(request))
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(
        IMPERSONATION_COOKIE, path="/", secure=settings.secure_cookies, samesite="lax"
    )
    return response


@person_router.get(
    "/users/me/accesses",
    operation_id="users:accesses",
    response_model=list[ImpersonationRead],
)
async def accesses(user: CurrentUser, session: SessionDep) -> list[Impersonation]:
    """Every time an administrator acted as the signed-in person: who, when, why."""
    return await admin_service.accesses(session, user)


@person_router.post(
    "/auth/jwt/refresh",
    operation_id="auth:jwt.refresh",
    response_model=BearerResponse,
    tags=["auth"],
)
async def refresh(user: CurrentUser, strategy: Strategy) -> BearerResponse:
    """A fresh Bearer token for the signed-in person; an impersonation token stays one (same
    actor, same end)."""
    return BearerResponse(access_token=await strategy.write_token(user), token_type="bearer")  # noqa: S106

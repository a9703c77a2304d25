"""Sign-in routes, as the seed documents them: register, JWT and cookie login, verification and
password reset (the last three from fastapi-users as they are)."""

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Form, Request, Response, status
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm
from fastapi_users.authentication.transport.bearer import BearerResponse
from fastapi_users.router.common import ErrorModel
from pydantic import EmailStr

from cashbook.auth.backends import (
    SessionCookie,
    SignedInUser,
    UserManagerDep,
    clear_session_cookies,
    fastapi_users,
    get_database_strategy,
    get_jwt_strategy,
    set_session_cookies,
)
from cashbook.auth.service import auth_service
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.kit.errors import error_response
from cashbook.kit.logging import bind_user
from cashbook.models import User
from cashbook.users.schemas import UserCreate, UserRead
from cashbook.users.tasks import RESET_JOB, VERIFY_JOB

router = APIRouter(prefix="/auth", tags=["auth"])

Credentials = Annotated[OAuth2PasswordRequestForm, Depends()]
# The second factor, when the account has two-factor sign-in on (a code or a recovery code).
Otp = Annotated[str | None, Form(max_length=32)]
LOGIN_RESPONSES: dict[int | str, dict] = {
    status.HTTP_400_BAD_REQUEST: {
        "model": ErrorModel,
        "description": "Bad credentials (`LOGIN_BAD_CREDENTIALS`) or a wrong second-factor "
        "code (`LOGIN_TOTP_INVALID`).",
    },
    status.HTTP_401_UNAUTHORIZED: {
        "model": ErrorModel,
        "description": "The password is right and the account needs a code in `otp` "
        "(`LOGIN_TOTP_REQUIRED`).",
    },
    status.HTTP_429_TOO_MANY_REQUESTS: {"model": ErrorModel, "description": "Too many failures."},
}


def _ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def _sign_in(
    request: Request,
    credentials: OAuth2PasswordRequestForm,
    otp: str | None,
    session: SessionDep,
    settings: SettingsDep,
    user_manager: UserManagerDep,
) -> User | JSONResponse:
    user = await auth_service.authenticate(
        session,
        request.app.state.sessionmaker,
        settings,
        user_manager,
        credentials,
        _ip(request),
        otp,
    )
    if isinstance(user, str):
        # Returned rather than raised: the failure just recorded must be committed.
        return error_response(status.HTTP_400_BAD_REQUEST, user)
    bind_user(user.id)
    await user_manager.on_after_login(user, request)
    return user


@router.post(
    "/jwt/login",
    operation_id="auth:jwt.login",
    response_model=BearerResponse,
    responses=LOGIN_RESPONSES,
)
async def jwt_login(
    request: Request,
    credentials: Credentials,
    session: SessionDep,
    settings: SettingsDep,
    user_manager: UserManagerDep,
    otp: Otp = None,
) -> BearerResponse | JSONResponse:
    """Sign in with email and password (and `otp`); returns a Bearer access token."""
    user = await _sign_in(request, credentials, otp, session, settings, user_manager)
    if isinstance(user, JSONResponse):
        return user
    token = await get_jwt_strategy(settings).write_token(user)
    return BearerResponse(access_token=token, token_type="bearer")  # noqa: S106


@router.post(
    "/cookie/login",
    operation_id="auth:cookie.login",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=LOGIN_RESPONSES,
)
async def cookie_login(
    request: Request,
    credentials: Credentials,
    session: SessionDep,
    settings: SettingsDep,
    user_manager: UserManagerDep,
    strategy=Depends(get_database_strategy),
    otp: Otp = None,
) -> Response:
    """Sign the browser in: a revocable session cookie plus the CSRF cookie the app echoes."""
    user = await _sign_in(request, credentials, otp, session, settings, user_manager)
    if isinstance(user, JSONResponse):
        return user
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    set_session_cookies(response, settings, await strategy.write_token(user))
    return response


@router.post(
    "/cookie/logout", operation_id="auth:cookie.logout", status_code=status.HTTP_204_NO_CONTENT
)
async def cookie_logout(
    user: SignedInUser,
    token: SessionCookie,
    settings: SettingsDep,
    strategy=Depends(get_database_strategy),
) -> Response:
    """Sign the browser out and revoke its session on the server."""
    if token is not None:
        await strategy.destroy_token(token, user)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookies(response, settings)
    return response


MAIL_RESPONSES: dict[int | str, dict] = {
    status.HTTP_429_TOO_MANY_REQUESTS: {"model": ErrorModel, "description": "Too many requests."},
}
Email = Annotated[EmailStr, Body(embed=True)]


def _link_by_email(path: str, operation_id: str, job_name: str, summary: str, about: str) -> None:
    """A route that emails a one-time link to an address: limited per address and per client,
    and queued for the worker, so its answer and timing never tell whether the account exists."""

    @router.post(
        path,
        operation_id=operation_id,
        status_code=status.HTTP_202_ACCEPTED,
        responses=MAIL_RESPONSES,
        summary=summary,
        description=about,
    )
    async def request_link(
        request: Request, email: Email, session: SessionDep, settings: SettingsDep
    ) -> None:
        sessionmaker = request.app.state.sessionmaker
        await auth_service.request_link(
            session, sessionmaker, settings, job_name, email, _ip(request)
        )


# The operation ids fastapi-users gave these routes, which the web client is generated from.
_link_by_email(
    "/forgot-password",
    "reset_forgot_password_auth_forgot_password_post",
    RESET_JOB,
    "Forgot Password",
    "Email a password reset link, if the address has an account (the answer is the same).",
)
_link_by_email(
    "/request-verify-token",
    "verify_request_token_auth_request_verify_token_post",
    VERIFY_JOB,
    "Request Verify Token",
    "Email a new verification link, if the address has an unverified account.",
)


def _without(router_: APIRouter, path: str) -> APIRouter:
    """fastapi-users' router minus a route this module replaces."""
    router_.routes = [route for route in router_.routes if getattr(route, "path", "") != path]
    return router_


router.include_router(fastapi_users.get_register_router(UserRead, UserCreate))
router.include_router(_without(fastapi_users.get_verify_router(UserRead), "/request-verify-token"))
router.include_router(_without(fastapi_users.get_reset_password_router(), "/forgot-password"))

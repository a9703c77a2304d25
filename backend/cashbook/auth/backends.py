"""fastapi-users wiring: a Bearer JWT backend for API clients and a revocable cookie session
for the browser, whose unsafe requests must carry a CSRF token.

These objects are built once at import; everything that depends on settings is resolved per
request (the strategies are dependencies), so one process can serve apps with other settings.
"""

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request, Response, status
from fastapi.security import APIKeyCookie
from fastapi_users import FastAPIUsers
from fastapi_users.authentication import (
    AuthenticationBackend,
    BearerTransport,
    CookieTransport,
    JWTStrategy,
)
from fastapi_users.authentication.strategy.db import DatabaseStrategy
from fastapi_users.manager import BaseUserManager
from starlette.requests import HTTPConnection

from cashbook.admin.impersonation import IMPERSONATION_COOKIE, ActorJWTStrategy
from cashbook.auth.tokens import ExpiringJWTStrategy
from cashbook.config import Settings
from cashbook.kit import sentry
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.kit.errors import PermissionDenied
from cashbook.kit.logging import bind_user
from cashbook.kit.openapi import refuses
from cashbook.models import SessionToken, User
from cashbook.notifications.service import MailService
from cashbook.users.repository import SessionTokenRepository, UserRepository
from cashbook.users.service import UserManager

SESSION_COOKIE = "cashbook_session"
CSRF_COOKIE = "cashbook_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def csrf_token_for(settings: Settings, session_token: str) -> str:
    """The CSRF token is derived from the session, so a cookie planted by another site
    cannot be paired with a token of its choosing."""
    key = settings.signing_key().encode()
    return hmac.new(key, b"csrf:" + session_token.encode(), hashlib.sha256).hexdigest()


class CsrfFailed(PermissionDenied):
    code = "CSRF_FAILED"


class CsrfCheckedCookie(APIKeyCookie):
    """Reads a cookie of the browser session; an unsafe request authenticated by it needs the
    CSRF header. The impersonation cookie counts only beside the administrator's own session
    cookie, whose CSRF token it shares."""

    async def __call__(self, request: HTTPConnection) -> str | None:
        token = request.cookies.get(self.model.name)
        session_token = request.cookies.get(SESSION_COOKIE)
        if not token or not session_token:
            return None
        if not isinstance(request, Request) or request.method in SAFE_METHODS:
            return token
        if "authorization" in request.headers:
            return None  # an API client authenticating with Bearer; the cookie plays no part
        expected = csrf_token_for(request.app.state.settings, session_token)
        if not hmac.compare_digest(request.headers.get(CSRF_HEADER, ""), expected):
            raise CsrfFailed(f"This request needs the {CSRF_HEADER} header of the current session.")
        return token


class SessionCookieTransport(CookieTransport):
    def __init__(self, cookie_name: str = SESSION_COOKIE) -> None:
        super().__init__(cookie_name=cookie_name)
        self.scheme = CsrfCheckedCookie(name=cookie_name, auto_error=False)


def _cookie_scope(settings: Settings) -> dict:
    # With CASHBOOK_COOKIE_DOMAIN the web app on a sibling host reads the CSRF cookie.
    return {
        "secure": settings.secure_cookies,
        "samesite": "lax",
        "path": "/",
        "domain": settings.cookie_domain,
    }


def set_session_cookies(response: Response, settings: Settings, token: str) -> None:
    common = _cookie_scope(settings)
    max_age = settings.session_lifetime_seconds
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age, httponly=True, **common)
    # Readable by the web app, which echoes it in the CSRF header.
    response.set_cookie(CSRF_COOKIE, csrf_token_for(settings, token), max_age=max_age, **common)


def clear_session_cookies(response: Response, settings: Settings) -> None:
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, **_cookie_scope(settings))


async def get_user_db(session: SessionDep) -> UserRepository:
    return UserRepository(session, User)


async def get_user_manager(
    request: Request,
    user_db: Annotated[UserRepository, Depends(get_user_db)],
    settings: SettingsDep,
) -> UserManager:
    return UserManager(user_db, settings, MailService(settings, user_db.session))


async def get_session_token_db(session: SessionDep) -> SessionTokenRepository:
    return SessionTokenRepository(session, SessionToken)


class HashedDatabaseStrategy(DatabaseStrategy[User, uuid.UUID, SessionToken]):
    """Browser sessions whose table holds only the digest of each cookie's token."""

    async def read_token(
        self, token: str | None, user_manager: BaseUserManager[User, uuid.UUID]
    ) -> User | None:
        stored = None if token is None else SessionToken.digest(token)
        return await super().read_token(stored, user_manager)

    async def write_token(self, user: User) -> str:
        token = secrets.token_urlsafe()
        await self.database.create({"token": SessionToken.digest(token), "user_id": user.id})
        return token

    async def destroy_token(self, token: str, user: User) -> None:
        await super().destroy_token(SessionToken.digest(token), user)


def get_jwt_strategy(settings: SettingsDep) -> JWTStrategy[User, uuid.UUID]:
    return ExpiringJWTStrategy(
        settings.signing_key(), lifetime_seconds=settings.access_token_lifetime_seconds
    )


async def get_database_strategy(
    settings: SettingsDep,
    tokens: Annotated[SessionTokenRepository, Depends(get_session_token_db)],
) -> DatabaseStrategy[User, uuid.UUID, SessionToken]:
    return HashedDatabaseStrategy(tokens, lifetime_seconds=settings.session_lifetime_seconds)


async def _jwt_strategy(
    request: Request, settings: SettingsDep, session: SessionDep
) -> ActorJWTStrategy:
    # Dependencies are async so that none costs a thread-pool hop on every request.
    return ActorJWTStrategy(settings, request, session)


jwt_backend = AuthenticationBackend(
    name="jwt", transport=BearerTransport(tokenUrl="auth/jwt/login"), get_strategy=_jwt_strategy
)
# An administrator's browser while impersonating: tried before their own session cookie.
impersonation_backend = AuthenticationBackend(
    name="impersonation",
    transport=SessionCookieTransport(IMPERSONATION_COOKIE),
    get_strategy=_jwt_strategy,
)
cookie_backend = AuthenticationBackend(
    name="cookie", transport=SessionCookieTransport(), get_strategy=get_database_strategy
)

fastapi_users = FastAPIUsers[User, uuid.UUID](
    get_user_manager, [jwt_backend, impersonation_backend, cookie_backend]
)


def _identified(dependency: Callable[..., Awaitable[User]]) -> Callable[..., Awaitable[User]]:
    """The user dependency, which also names the user (by id only) in the request's log lines
    and error reports."""

    async def current(user: Annotated[User, Depends(dependency)]) -> User:
        bind_user(user.id)
        sentry.set_user(user.id)
        return user

    return current


class EmailNotVerified(PermissionDenied):
    code = "EMAIL_NOT_VERIFIED"


class TwoFactorRequiredForAdmins(PermissionDenied):
    code = "ADMIN_TWO_FACTOR_REQUIRED"


_signed_in = _identified(fastapi_users.current_user(active=True))
# Verified or not: what someone who has not confirmed their email yet may still do (read
# themselves, sign out, delete the account).
SignedInUser = Annotated[User, Depends(_signed_in)]


@refuses(status.HTTP_403_FORBIDDEN, EmailNotVerified.code)
async def _verified(user: SignedInUser, settings: SettingsDep) -> User:
    if settings.require_verified_email and not user.is_verified:
        raise EmailNotVerified(
            "Confirm your email address first: open the link we sent you, or ask for a new one."
        )
    return user


CurrentUser = Annotated[User, Depends(_verified)]


async def _admin(user: CurrentUser, settings: SettingsDep) -> User:
    if not user.is_superuser:
        raise PermissionDenied("Only administrators may do this.")
    if settings.admin_require_two_factor and not user.totp_enabled:
        raise TwoFactorRequiredForAdmins("Turn on two-factor sign-in to use the administration.")
    return user


UserManagerDep = Annotated[UserManager, Depends(get_user_manager)]
CurrentAdmin = Annotated[User, Depends(_admin)]
SessionCookie = Annotated[str | None, Depends(cookie_backend.transport.scheme)]

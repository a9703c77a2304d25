"""Tokens that carry who is really acting, and the audit of every request made with them.

An impersonation token is a JWT for the subject with a distinct audience, the actor in an
RFC 8693 `act` claim and the impersonation record's id. It is honoured only while that record
is open (not stopped, not past its 30 minutes) and its actor is still an active administrator,
so stopping or expiry ends it on the server whatever the token's own `exp` says. Refreshing
mints the same claims again (see `write_token`), so the actor is never lost.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
from fastapi import Request
from fastapi_users import BaseUserManager
from fastapi_users.jwt import decode_jwt, generate_jwt
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cashbook.admin.repository import AuditRepository, ImpersonationRepository
from cashbook.auth.tokens import ExpiringJWTStrategy
from cashbook.config import Settings
from cashbook.kit.db import session_scope
from cashbook.kit.middleware import route_template
from cashbook.models import AuditEntry, Impersonation, User
from cashbook.models.base import utcnow

IMPERSONATION_AUDIENCE = "cashbook:impersonation"
IMPERSONATION_COOKIE = "cashbook_impersonation"
IMPERSONATION_LIFETIME = timedelta(minutes=30)
_STATE_KEY = "impersonation"


@dataclass(frozen=True, slots=True)
class ActingAs:
    """The open impersonation a request was authenticated by, detached from any session (the
    audit reads it after the request's session is gone)."""

    id: uuid.UUID
    actor_id: uuid.UUID
    actor_email: str
    subject_id: uuid.UUID
    reason: str
    started_at: datetime
    expires_at: datetime
    ended_at: None = None


def current_impersonation(request: Request) -> ActingAs | None:
    """The open impersonation the request was authenticated by, if any."""
    return request.scope.get("state", {}).get(_STATE_KEY)


class ActorJWTStrategy(ExpiringJWTStrategy):
    """The Bearer strategy: ordinary tokens as fastapi-users writes them, plus impersonation
    tokens, which are checked against their record on every request."""

    def __init__(self, settings: Settings, request: Request, session: AsyncSession) -> None:
        super().__init__(
            settings.signing_key(), lifetime_seconds=settings.access_token_lifetime_seconds
        )
        self.request = request
        self.session = session

    async def read_token(
        self, token: str | None, user_manager: BaseUserManager[User, uuid.UUID]
    ) -> User | None:
        if token is None:
            return None
        try:
            claims = decode_jwt(
                token, self.decode_key, [IMPERSONATION_AUDIENCE], algorithms=[self.algorithm]
            )
        except jwt.PyJWTError:
            return await super().read_token(token, user_manager)
        try:
            impersonation_id = uuid.UUID(claims["imp"])
        except (KeyError, TypeError, ValueError):
            return None
        impersonation = await ImpersonationRepository(self.session).get_open(
            impersonation_id, utcnow()
        )
        if impersonation is None or impersonation.actor_id is None:
            return None
        actor = await user_manager.user_db.get(impersonation.actor_id)
        if actor is None or not actor.is_active or not actor.is_superuser:
            return None
        subject = await user_manager.user_db.get(impersonation.subject_id)
        if subject is None or subject.is_superuser:
            return None
        setattr(
            self.request.state,
            _STATE_KEY,
            ActingAs(
                id=impersonation.id,
                actor_id=impersonation.actor_id,
                actor_email=impersonation.actor_email,
                subject_id=impersonation.subject_id,
                reason=impersonation.reason,
                started_at=impersonation.started_at,
                expires_at=impersonation.expires_at,
            ),
        )
        return subject

    async def write_token(self, user: User) -> str:
        impersonation = current_impersonation(self.request)
        if impersonation is None or impersonation.subject_id != user.id:
            return await super().write_token(user)
        return self.write_impersonation_token(impersonation)

    def write_impersonation_token(self, impersonation: Impersonation | ActingAs) -> str:
        remaining = impersonation.expires_at - utcnow()
        claims = {
            "sub": str(impersonation.subject_id),
            "act": {"sub": str(impersonation.actor_id)},
            "imp": str(impersonation.id),
            "aud": IMPERSONATION_AUDIENCE,
        }
        lifetime = max(1, int(remaining.total_seconds()))
        return generate_jwt(claims, self.encode_key, lifetime, algorithm=self.algorithm)


class ImpersonationAuditMiddleware:
    """Writes one audit entry for every request an impersonation token authenticated, with
    the status it answered, before the response leaves (pure ASGI)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        recorded = False

        async def record(status: int) -> None:
            nonlocal recorded
            impersonation = scope.get("state", {}).get(_STATE_KEY)
            if recorded or impersonation is None:
                return
            recorded = True
            entry = AuditEntry(
                impersonation_id=impersonation.id,
                method=scope["method"],
                route=route_template(scope)[:255],
                status=status,
            )
            async with session_scope(scope["app"].state.sessionmaker) as session:
                await AuditRepository(session).append(entry)

        async def send_recorded(message: Message) -> None:
            if message["type"] == "http.response.start":
                await record(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_recorded)
        except Exception:
            await record(500)
            raise

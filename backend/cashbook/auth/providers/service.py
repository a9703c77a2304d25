"""Signing in and linking accounts with OpenID providers.

An identity is the pair (issuer, subject) from a verified ID token. The first sign-in with a new
identity creates a user; an email address that already has an account is never linked by
itself (that would hand the account to whoever controls the address at some provider): the
person signs in the usual way and links the provider from their settings.
"""

import uuid
from dataclasses import dataclass
from typing import Any

import structlog
from email_validator import EmailNotValidError, validate_email
from fastapi import Request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.auth.providers import flow
from cashbook.auth.providers.client import OpenIDProvider, VerifiedIdentity
from cashbook.auth.providers.errors import (
    AccountInactive,
    AuthorizationFailed,
    EmailInUse,
    EmailMissing,
    IdentityInUse,
    IdentityNotFound,
    InvalidState,
    LastSignInMethod,
)
from cashbook.auth.providers.repository import IdentityRepository
from cashbook.auth.providers.schemas import CallbackParams
from cashbook.config import Settings
from cashbook.models import OAuthIdentity, User
from cashbook.models.base import utcnow
from cashbook.users.service import UserManager

log = structlog.get_logger(__name__)

NAME_LENGTH = 100


def _claim(claims: dict[str, Any], key: str) -> str:
    value = claims.get(key)
    return value.strip()[:NAME_LENGTH] if isinstance(value, str) else ""


def names_from(claims: dict[str, Any], email: str) -> tuple[str, str]:
    first, last = _claim(claims, "given_name"), _claim(claims, "family_name")
    if not (first or last):
        first, _, last = _claim(claims, "name").partition(" ")
    return (first or email.split("@", 1)[0])[:NAME_LENGTH], last.strip()[:NAME_LENGTH]


def email_verified(claims: dict[str, Any]) -> bool:
    # Some providers send the flag as the string "true".
    return claims.get("email_verified") in (True, "true")


@dataclass(frozen=True, slots=True)
class Linked:
    user: User
    identity: OAuthIdentity


class OIDCService:
    async def authorization_url(
        self, settings: Settings, provider: OpenIDProvider, kind: flow.Flow, user_id: str | None
    ) -> tuple[str, str]:
        """The provider's URL to send the browser to, and the CSRF token for its cookie."""
        started = flow.start(settings, provider.name, kind, user_id)
        url = await provider.authorization_url(
            flow.redirect_uri(settings, provider.name, kind),
            state=started.state,
            nonce=started.nonce,
            code_challenge=started.code_challenge,
        )
        return url, started.csrf_token

    async def _identity(
        self,
        settings: Settings,
        provider: OpenIDProvider,
        kind: flow.Flow,
        params: CallbackParams,
        csrf_cookie: str | None,
    ) -> tuple[VerifiedIdentity, flow.Resumed]:
        resumed = flow.resume(settings, params.state, csrf_cookie, provider.name, kind)
        display = provider.config.display_name
        if params.error is not None:
            if params.error == "access_denied":
                raise AuthorizationFailed(f"You cancelled signing in with {display}.")
            raise AuthorizationFailed(f"{display} did not sign you in ({params.error[:64]}).")
        if not params.code:
            raise AuthorizationFailed(f"{display} sent no sign-in code. Please start again.")
        metadata = await provider.metadata()
        if params.iss is not None and params.iss != metadata.issuer:  # RFC 9207 mix-up defence
            raise AuthorizationFailed(
                f"The answer did not come from {display}. Please start again.",
                code="OIDC_ISSUER_MISMATCH",
            )
        verified = await provider.verified_identity(
            params.code,
            flow.redirect_uri(settings, provider.name, kind),
            code_verifier=resumed.code_verifier,
            nonce=resumed.nonce,
        )
        return verified, resumed

    async def sign_in(
        self,
        session: AsyncSession,
        settings: Settings,
        provider: OpenIDProvider,
        user_manager: UserManager,
        params: CallbackParams,
        csrf_cookie: str | None,
        request: Request | None = None,
    ) -> Linked:
        verified, _ = await self._identity(
            settings, provider, flow.Flow.sign_in, params, csrf_cookie
        )
        identities = IdentityRepository(session)
        identity = await identities.get_by_subject(verified.issuer, verified.subject)
        if identity is None:
            linked = await self._create_account(session, provider, user_manager, verified, request)
        else:
            user = await user_manager.user_db.get(identity.user_id)
            assert user is not None  # the identity goes with its user (ON DELETE CASCADE)
            linked = Linked(user, identity)
        if not linked.user.is_active:
            raise AccountInactive("This account has been deactivated.")
        linked.identity.last_login_at = utcnow()
        await session.flush()
        log.info("oidc sign-in", provider=provider.name, user_id=str(linked.user.id))
        return linked

    async def _create_account(
        self,
        session: AsyncSession,
        provider: OpenIDProvider,
        user_manager: UserManager,
        verified: VerifiedIdentity,
        request: Request | None,
    ) -> Linked:
        display = provider.config.display_name
        address = verified.claims.get("email")
        try:
            if not isinstance(address, str):
                raise EmailNotValidError("no address")
            email = validate_email(address, check_deliverability=False).normalized
        except EmailNotValidError as error:
            raise EmailMissing(
                f"{display} did not share a valid email address, which a Cashbook account "
                "needs. Allow sharing it and try again."
            ) from error
        if await user_manager.user_db.get_by_email(email) is not None:
            raise EmailInUse(
                "An account with your email address already exists. Sign in with your "
                f"password, then link {display} in Settings to use it next time."
            )
        first_name, last_name = names_from(verified.claims, email)
        helper = user_manager.password_helper
        try:
            user = await user_manager.user_db.create(
                {
                    "email": email,
                    # Nobody knows this password: the account signs in through the provider
                    # until its person sets one by resetting it.
                    "hashed_password": helper.hash(helper.generate()),
                    "has_password": False,
                    "first_name": first_name,
                    "last_name": last_name,
                    "is_verified": email_verified(verified.claims),
                }
            )
            identity = await IdentityRepository(session).create(
                user.id, provider.name, verified.issuer, verified.subject
            )
        except IntegrityError as error:  # the same first sign-in finished twice at once
            raise IdentityInUse(
                "This sign-in was completed twice at the same moment. Please sign in again."
            ) from error
        await user_manager.on_after_register(user, request)
        log.info("oidc account created", provider=provider.name, user_id=str(user.id))
        return Linked(user, identity)

    async def link(
        self,
        session: AsyncSession,
        settings: Settings,
        provider: OpenIDProvider,
        user: User,
        params: CallbackParams,
        csrf_cookie: str | None,
    ) -> OAuthIdentity:
        verified, resumed = await self._identity(
            settings, provider, flow.Flow.link, params, csrf_cookie
        )
        if resumed.user_id != str(user.id):
            raise InvalidState("This link was started by another account. Please start again.")
        identities = IdentityRepository(session)
        identity = await identities.get_by_subject(verified.issuer, verified.subject)
        if identity is not None:
            if identity.user_id == user.id:
                return identity
            raise IdentityInUse(
                f"This {provider.config.display_name} account is already linked to another "
                "Cashbook account."
            )
        identity = await identities.create(
            user.id, provider.name, verified.issuer, verified.subject
        )
        log.info("oidc identity linked", provider=provider.name, user_id=str(user.id))
        return identity

    async def identities(self, session: AsyncSession, user: User) -> list[OAuthIdentity]:
        return await IdentityRepository(session).list_for_user(user.id)

    async def unlink(self, session: AsyncSession, user: User, identity_id: uuid.UUID) -> None:
        identities = IdentityRepository(session)
        identity = await identities.get_for_user(user.id, identity_id)
        if identity is None:
            raise IdentityNotFound("No such linked sign-in.")
        if not user.has_password and await identities.count_for_user(user.id) <= 1:
            raise LastSignInMethod(
                "This is the only way you can sign in. Link another provider first, or set a "
                "password with “Forgot password”."
            )
        await identities.delete(identity)
        log.info("oidc identity unlinked", provider=identity.provider, user_id=str(user.id))


oidc_service = OIDCService()

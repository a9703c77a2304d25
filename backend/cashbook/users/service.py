"""Users: registration rules, password policy, verification and reset emails, profile changes."""

import uuid
from datetime import timedelta
from functools import cache
from importlib.resources import files
from typing import Any

from fastapi import Request, Response, status
from fastapi_users import BaseUserManager, InvalidPasswordException, UUIDIDMixin
from fastapi_users.exceptions import UserAlreadyExists
from fastapi_users.router.common import ErrorCode

from cashbook.categories.service import category_service
from cashbook.config import Settings
from cashbook.kit.errors import CashbookError
from cashbook.kit.metrics import REGISTRATIONS
from cashbook.models import SessionToken, User
from cashbook.models.base import utcnow
from cashbook.notifications import messages
from cashbook.notifications.service import MailService
from cashbook.users.repository import SessionTokenRepository, UserRepository
from cashbook.users.schemas import UserCreate, UserUpdate

MIN_PASSWORD_LENGTH = 10


@cache
def common_passwords() -> frozenset[str]:
    text = files("cashbook.users").joinpath("common-passwords.txt").read_text()
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def password_problem(password: str, email: str) -> str | None:
    """Why a password is refused, in words a person understands, or None when it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must be at least {MIN_PASSWORD_LENGTH} characters long."
    lowered = password.lower()
    local_part = email.split("@", 1)[0].lower()
    if lowered in (email.lower(), local_part):
        return "The password must not be your email address."
    if lowered in common_passwords():
        return "This password is too common; choose one that is harder to guess."
    return None


class WrongPassword(CashbookError):
    code = "WRONG_CURRENT_PASSWORD"


class DeletionNotConfirmed(CashbookError):
    code = "DELETE_ACCOUNT_NOT_CONFIRMED"


class FreshSignInRequired(CashbookError):
    status_code = status.HTTP_403_FORBIDDEN
    code = "DELETE_ACCOUNT_FRESH_SIGN_IN_REQUIRED"


# An account without a password proves its person by having signed in this recently.
FRESH_SIGN_IN = timedelta(minutes=10)


class UserManager(UUIDIDMixin, BaseUserManager[User, uuid.UUID]):
    user_db: UserRepository

    def __init__(self, user_db: UserRepository, settings: Settings, mail: MailService) -> None:
        super().__init__(user_db)
        self.settings = settings
        self.mail = mail
        self.reset_password_token_secret = settings.signing_key()
        self.verification_token_secret = settings.signing_key()

    def _sessions(self) -> SessionTokenRepository:
        return SessionTokenRepository(self.user_db.session, SessionToken)

    async def validate_password(self, password: str, user: UserCreate | User) -> None:
        problem = password_problem(password, user.email)
        if problem is not None:
            raise InvalidPasswordException(reason=problem)

    async def create(
        self, user_create: UserCreate, safe: bool = False, request: Request | None = None
    ) -> User:
        """Create a user; one created through the API (with a request) counts as a
        registration with a password, refused or not."""
        try:
            user = await super().create(user_create, safe, request)
        except (InvalidPasswordException, UserAlreadyExists):
            if request is not None:
                REGISTRATIONS.labels("password", "failure").inc()
            raise
        if request is not None:
            REGISTRATIONS.labels("password", "success").inc()
        return user

    async def on_after_register(self, user: User, request: Request | None = None) -> None:
        await category_service.create_defaults(self.user_db.session, user.id, user.language)
        if not user.is_verified:
            await self.request_verify(user, request)

    async def on_after_login(
        self, user: User, request: Request | None = None, response: Response | None = None
    ) -> None:
        await self.user_db.update(user, {"last_login_at": utcnow()})

    async def on_after_request_verify(
        self, user: User, token: str, request: Request | None = None
    ) -> None:
        link = f"{self.settings.web_url}/verify?token={token}"
        await self.mail.send(
            messages.verify_email(user.email, user.first_name, link, user.id, user.language)
        )

    async def on_after_forgot_password(
        self, user: User, token: str, request: Request | None = None
    ) -> None:
        link = f"{self.settings.web_url}/reset-password?token={token}"
        await self.mail.send(
            messages.reset_password(user.email, user.first_name, link, user.id, user.language)
        )

    async def on_after_reset_password(self, user: User, request: Request | None = None) -> None:
        await self._sessions().delete_for_user(user.id)
        if not user.has_password:  # an account made by an OpenID sign-in now has a password
            await self.user_db.update(user, {"has_password": True})

    async def delete_own_account(
        self, user: User, *, password: str | None, confirmation: str
    ) -> None:
        """Delete the account when its person proved who they are (the password, or a fresh
        OpenID sign-in for an account without one) and typed their email to confirm. Browser
        sessions go with the user's rows; Bearer tokens name a user that no longer exists."""
        if confirmation.strip().lower() != user.email.lower():
            raise DeletionNotConfirmed("Type your email address to confirm.")
        if user.has_password:
            verified, _ = self.password_helper.verify_and_update(
                password or "", user.hashed_password
            )
            if not verified:
                raise WrongPassword("The password is not correct.")
        elif user.last_login_at is None or user.last_login_at < utcnow() - FRESH_SIGN_IN:
            raise FreshSignInRequired("Sign in again with your provider, then delete the account.")
        await self.delete(user)

    async def update_profile(
        self, user: User, changes: UserUpdate, *, current_session: str | None
    ) -> User:
        """Apply a person's own changes. A new password needs the current one and signs out
        every other browser session."""
        values: dict[str, Any] = changes.model_dump(
            exclude_unset=True, exclude={"password", "current_password"}
        )
        if changes.password is not None:
            verified, _ = self.password_helper.verify_and_update(
                changes.current_password or "", user.hashed_password
            )
            if not verified:
                raise WrongPassword("The current password is not correct.")
            try:
                await self.validate_password(changes.password, user)
            except InvalidPasswordException as error:
                raise CashbookError(
                    str(error.reason), code=ErrorCode.UPDATE_USER_INVALID_PASSWORD
                ) from error
            values["hashed_password"] = self.password_helper.hash(changes.password)
            keep = None if current_session is None else SessionToken.digest(current_session)
            await self._sessions().delete_for_user(user.id, keep=keep)
        return await self.user_db.update(user, values)

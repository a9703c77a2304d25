"""Password sign-in with throttling per account and per client address.

Unknown emails are throttled exactly like known ones, so neither the answer nor the limit
tells whether an account exists.
"""

import math

from fastapi.security import OAuth2PasswordRequestForm
from fastapi_users.router.common import ErrorCode
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cashbook.auth.throttle import Limit, Throttle, Throttled, TooManyAttempts, throttle_key
from cashbook.config import Settings
from cashbook.kit.metrics import LOGINS
from cashbook.models import User
from cashbook.two_factor.service import two_factor_service
from cashbook.users.service import UserManager
from cashbook.worker.jobs import enqueue_job

LOGIN_TOTP_INVALID = "LOGIN_TOTP_INVALID"


class LoginThrottled(TooManyAttempts):
    code = "LOGIN_TOO_MANY_ATTEMPTS"


class MailRequestsThrottled(TooManyAttempts):
    code = "MAIL_TOO_MANY_REQUESTS"


class AuthService:
    async def authenticate(
        self,
        session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings,
        user_manager: UserManager,
        credentials: OAuth2PasswordRequestForm,
        client_ip: str,
        otp: str | None = None,
    ) -> User | str:
        """The signed-in user, or the error code of a refusal (the failure is already
        recorded). Raises LoginThrottled while a limit is reached, whatever the password, and
        TotpRequired when the password was right but the second factor is missing."""
        account_key = throttle_key(settings, "account", credentials.username.strip().lower())
        throttle = Throttle(sessionmaker, settings.login_window_seconds)
        ip_key = throttle_key(settings, "ip", client_ip)
        try:
            attempt = await throttle.attempt(
                [
                    Limit(account_key, settings.login_max_failures),
                    Limit(ip_key, settings.login_max_failures_per_ip),
                ]
            )
        except Throttled as error:
            LOGINS.labels("password", "throttled").inc()
            raise LoginThrottled(
                "Too many failed sign-in attempts. Wait a while and try again, "
                f"or reset your password (about {math.ceil(error.retry_after / 60)} min).",
                error,
            ) from error

        user = await user_manager.authenticate(credentials)
        refused: str | None = None
        if user is None or not user.is_active:
            refused = ErrorCode.LOGIN_BAD_CREDENTIALS
        elif not await two_factor_service.passes_sign_in(session, settings, user, otp):
            refused = LOGIN_TOTP_INVALID  # counted like a wrong password: codes are guessable
        if refused is not None:
            LOGINS.labels("password", "failure").inc()
            return refused  # the attempt stays recorded as a failure
        await throttle.forget(session, rows=attempt.ids, keys=[account_key])
        LOGINS.labels("password", "success").inc()
        return user

    async def request_link(
        self,
        session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings,
        job_name: str,
        email: str,
        client_ip: str,
    ) -> None:
        """Queue a verification or reset email for an address, limited per address and per
        client. Whether the address has an account is for the job to find out: the answer and
        its timing are the same either way."""
        address = email.strip().lower()
        throttle = Throttle(sessionmaker, settings.mail_request_window_seconds)
        limits = [
            Limit(throttle_key(settings, "mail", address), settings.mail_requests_per_email),
            Limit(throttle_key(settings, "mail-ip", client_ip), settings.mail_requests_per_ip),
        ]
        try:
            await throttle.attempt(limits)
        except Throttled as error:
            raise MailRequestsThrottled(
                "Too many emails asked for. Check your inbox, or try again in about "
                f"{math.ceil(error.retry_after / 60)} min.",
                error,
            ) from error
        enqueue_job(session, job_name, address)


auth_service = AuthService()

"""Password sign-in with throttling per account and per client address.

Unknown emails are throttled exactly like known ones, so neither the answer nor the limit
tells whether an account exists.
"""

import hashlib
import hmac
import math
from datetime import timedelta

from fastapi.security import OAuth2PasswordRequestForm
from fastapi_users.router.common import ErrorCode
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.auth.repository import LoginFailureRepository
from cashbook.config import Settings
from cashbook.kit.errors import TooManyRequests
from cashbook.kit.metrics import LOGINS
from cashbook.models import User
from cashbook.models.base import utcnow
from cashbook.two_factor.service import two_factor_service
from cashbook.users.service import UserManager

LOGIN_TOTP_INVALID = "LOGIN_TOTP_INVALID"


class LoginThrottled(TooManyRequests):
    code = "LOGIN_TOO_MANY_ATTEMPTS"


def throttle_key(settings: Settings, kind: str, value: str) -> str:
    message = f"{kind}:{value}".encode()
    return hmac.new(settings.signing_key().encode(), message, hashlib.sha256).hexdigest()


class AuthService:
    async def authenticate(
        self,
        session: AsyncSession,
        settings: Settings,
        user_manager: UserManager,
        credentials: OAuth2PasswordRequestForm,
        client_ip: str,
        otp: str | None = None,
    ) -> User | str:
        """The signed-in user, or the error code of a refusal (the failure is recorded and must
        be committed). Raises LoginThrottled while a limit is reached, whatever the password,
        and TotpRequired when the password was right but the second factor is missing."""
        repository = LoginFailureRepository(session)
        window = timedelta(seconds=settings.login_window_seconds)
        now = utcnow()
        account_key = throttle_key(settings, "account", credentials.username.strip().lower())
        ip_key = throttle_key(settings, "ip", client_ip)
        limits = (
            (account_key, settings.login_max_failures),
            (ip_key, settings.login_max_failures_per_ip),
        )
        for key, limit in limits:
            count, oldest = await repository.count_since(key, now - window)
            if count >= limit and oldest is not None:
                LOGINS.labels("password", "throttled").inc()
                wait = max(1, math.ceil((oldest + window - now).total_seconds()))
                raise LoginThrottled(
                    "Too many failed sign-in attempts. Wait a while and try again, "
                    f"or reset your password (about {math.ceil(wait / 60)} min).",
                    headers={"Retry-After": str(wait)},
                )

        user = await user_manager.authenticate(credentials)
        refused: str | None = None
        if user is None or not user.is_active:
            refused = ErrorCode.LOGIN_BAD_CREDENTIALS
        elif not await two_factor_service.passes_sign_in(session, settings, user, otp):
            refused = LOGIN_TOTP_INVALID  # counted like a wrong password: codes are guessable
        if refused is not None:
            await repository.record([account_key, ip_key], forget_before=now - window)
            LOGINS.labels("password", "failure").inc()
            return refused
        await repository.forget(account_key)
        LOGINS.labels("password", "success").inc()
        return user


auth_service = AuthService()

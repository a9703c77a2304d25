"""Two-factor sign-in: TOTP (RFC 6238, 30-second steps, six digits) and single-use recovery
codes.

The secret is encrypted like every other secret (`kit/encryption.py`), bound to the user's
row. A code is accepted for the current step or one step either side (clock drift), and only
for a step later than the last one accepted: a code seen once, even by someone looking over
the person's shoulder, never works again. Recovery codes are stored as keyed hashes and
deleted when used.
"""

import hashlib
import hmac
import secrets
import uuid

import pyotp
import segno
from fastapi import status
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.config import Settings
from cashbook.kit.encryption import Context, field_cipher
from cashbook.kit.errors import CashbookError, Conflict
from cashbook.models import User
from cashbook.models.base import utcnow
from cashbook.two_factor.repository import TwoFactorRepository
from cashbook.two_factor.schemas import TwoFactorSetup, TwoFactorStatus
from cashbook.users.service import UserManager, WrongPassword

ISSUER = "Cashbook"
STEP_SECONDS = 30
DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


class TotpRequired(CashbookError):
    status_code = status.HTTP_401_UNAUTHORIZED
    code = "LOGIN_TOTP_REQUIRED"


class WrongCode(CashbookError):
    code = "TWO_FACTOR_CODE_INVALID"


class AlreadyEnabled(Conflict):
    code = "TWO_FACTOR_ALREADY_ENABLED"


class NotSetUp(Conflict):
    code = "TWO_FACTOR_NOT_SET_UP"


def _secret_context(user_id: uuid.UUID) -> Context:
    return User.field_context("totp_secret", user_id, user_id)


def _normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _recovery_hash(settings: Settings, user_id: uuid.UUID, code: str) -> str:
    message = f"recovery:{user_id}:{_normalised(code)}".encode()
    return hmac.new(settings.signing_key().encode(), message, hashlib.sha256).hexdigest()


def _new_recovery_code() -> str:
    letters = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{letters[:5]}-{letters[5:]}"


class TwoFactorService:
    async def status(self, session: AsyncSession, user: User) -> TwoFactorStatus:
        left = await TwoFactorRepository(session).count_recovery_codes(user.id)
        return TwoFactorStatus(enabled=user.totp_enabled, recovery_codes_left=left)

    async def begin_setup(
        self, session: AsyncSession, settings: Settings, user: User
    ) -> TwoFactorSetup:
        """A new secret, kept (encrypted) until a code from it confirms the setup."""
        if user.totp_enabled:
            raise AlreadyEnabled("Two-factor sign-in is already on; turn it off first.")
        secret = pyotp.random_base32()
        user.totp_secret = field_cipher(settings).encrypt(secret, _secret_context(user.id))
        user.totp_last_step = None
        await session.flush()
        uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
        qr_svg = segno.make(uri, error="m").svg_data_uri(scale=4)
        return TwoFactorSetup(secret=secret, otpauth_uri=uri, qr_svg=qr_svg)

    async def confirm(
        self, session: AsyncSession, settings: Settings, user: User, code: str
    ) -> list[str]:
        """Turn two-factor sign-in on with a code from the new secret; returns the recovery
        codes, which are never shown again."""
        if user.totp_enabled:
            raise AlreadyEnabled("Two-factor sign-in is already on.")
        if user.totp_secret is None:
            raise NotSetUp("Start the setup first.")
        if not await self._accept_totp(session, settings, user, code):
            raise WrongCode("The code is not correct; check the time on the phone.")
        user.totp_enabled = True
        return await self._replace_recovery_codes(session, settings, user)

    async def renew_recovery_codes(
        self, session: AsyncSession, settings: Settings, user: User, code: str
    ) -> list[str]:
        await self._require_code(session, settings, user, code)
        return await self._replace_recovery_codes(session, settings, user)

    async def disable(
        self,
        session: AsyncSession,
        settings: Settings,
        user_manager: UserManager,
        user: User,
        password: str,
        code: str,
    ) -> None:
        verified, _ = user_manager.password_helper.verify_and_update(password, user.hashed_password)
        if not user.has_password or not verified:
            raise WrongPassword("The password is not correct.")
        await self._require_code(session, settings, user, code)
        user.totp_enabled = False
        user.totp_secret = None
        user.totp_last_step = None
        await TwoFactorRepository(session).delete_recovery_codes(user.id)
        await session.flush()

    async def passes_sign_in(
        self, session: AsyncSession, settings: Settings, user: User, otp: str | None
    ) -> bool:
        """Whether a password sign-in of `user` may go on. Raises TotpRequired when two-factor
        sign-in is on and no code came with the password."""
        if not user.totp_enabled:
            return True
        if not otp or not otp.strip():
            raise TotpRequired("Enter the code from your authenticator app.")
        return await self.verify(session, settings, user, otp)

    async def verify(
        self, session: AsyncSession, settings: Settings, user: User, code: str
    ) -> bool:
        """A code from the app, or an unused recovery code (which is used up)."""
        if await self._accept_totp(session, settings, user, code):
            return True
        code_hash = _recovery_hash(settings, user.id, code)
        return await TwoFactorRepository(session).use_recovery_code(user.id, code_hash)

    async def _require_code(
        self, session: AsyncSession, settings: Settings, user: User, code: str
    ) -> None:
        if not user.totp_enabled:
            raise NotSetUp("Two-factor sign-in is off.")
        if not await self.verify(session, settings, user, code):
            raise WrongCode("The code is not correct.")

    async def _accept_totp(
        self, session: AsyncSession, settings: Settings, user: User, code: str
    ) -> bool:
        code = _normalised(code)
        if user.totp_secret is None or len(code) != 6 or not code.isdigit():
            return False
        secret = field_cipher(settings).decrypt(user.totp_secret, _secret_context(user.id))
        totp = pyotp.TOTP(secret)
        now = int(utcnow().timestamp()) // STEP_SECONDS
        for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
            if hmac.compare_digest(totp.generate_otp(step), code):
                return await TwoFactorRepository(session).claim_step(user, step)
        return False

    async def _replace_recovery_codes(
        self, session: AsyncSession, settings: Settings, user: User
    ) -> list[str]:
        codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
        hashes = [_recovery_hash(settings, user.id, code) for code in codes]
        await TwoFactorRepository(session).replace_recovery_codes(user.id, hashes)
        return codes


two_factor_service = TwoFactorService()

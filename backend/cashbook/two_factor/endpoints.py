"""Two-factor sign-in of the signed-in person: set up, confirm, renew recovery codes, turn off."""

from fastapi import APIRouter, Response, status

from cashbook.auth.backends import CurrentUser, UserManagerDep
from cashbook.auth.person import CurrentPerson
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.two_factor.schemas import (
    RecoveryCodes,
    TwoFactorCode,
    TwoFactorDisable,
    TwoFactorSetup,
    TwoFactorStatus,
)
from cashbook.two_factor.service import two_factor_service

router = APIRouter(prefix="/users/me/two-factor", tags=["two-factor"])


@router.get("", operation_id="two_factor:status", response_model=TwoFactorStatus)
async def get_status(user: CurrentUser, session: SessionDep) -> TwoFactorStatus:
    """Whether two-factor sign-in is on, and how many recovery codes are left."""
    return await two_factor_service.status(session, user)


@router.post("/setup", operation_id="two_factor:setup", response_model=TwoFactorSetup)
async def setup(user: CurrentPerson, session: SessionDep, settings: SettingsDep) -> TwoFactorSetup:
    """Start the setup: a new secret and its QR code for an authenticator app."""
    return await two_factor_service.begin_setup(session, settings, user)


@router.post("/confirm", operation_id="two_factor:confirm", response_model=RecoveryCodes)
async def confirm(
    body: TwoFactorCode, user: CurrentPerson, session: SessionDep, settings: SettingsDep
) -> RecoveryCodes:
    """Turn two-factor sign-in on with a code from the app; returns the recovery codes."""
    codes = await two_factor_service.confirm(session, settings, user, body.code)
    return RecoveryCodes(codes=codes)


@router.post(
    "/recovery-codes", operation_id="two_factor:renew_recovery_codes", response_model=RecoveryCodes
)
async def renew_recovery_codes(
    body: TwoFactorCode, user: CurrentPerson, session: SessionDep, settings: SettingsDep
) -> RecoveryCodes:
    """Replace every recovery code with ten new ones."""
    codes = await two_factor_service.renew_recovery_codes(session, settings, user, body.code)
    return RecoveryCodes(codes=codes)


@router.post("/disable", operation_id="two_factor:disable", status_code=status.HTTP_204_NO_CONTENT)
async def disable(
    body: TwoFactorDisable,
    user: CurrentPerson,
    session: SessionDep,
    settings: SettingsDep,
    user_manager: UserManagerDep,
) -> Response:
    """Turn two-factor sign-in off; needs the password and a code."""
    await two_factor_service.disable(
        session, settings, user_manager, user, body.password, body.code
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)

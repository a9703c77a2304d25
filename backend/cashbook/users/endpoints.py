import uuid

from fastapi import APIRouter, Response, status

from cashbook.auth.backends import (
    CurrentAdmin,
    CurrentUser,
    SessionCookie,
    SignedInUser,
    UserManagerDep,
    clear_session_cookies,
)
from cashbook.auth.person import SignedInPerson
from cashbook.kit.deps import SettingsDep
from cashbook.kit.errors import NotFound
from cashbook.models import User
from cashbook.users.schemas import AccountDeletion, AdminUserUpdate, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/me", operation_id="users:me", response_model=UserRead)
async def read_me(user: SignedInUser) -> User:
    """The signed-in person."""
    return user


@router.patch("/me", operation_id="users:update_me", response_model=UserRead)
async def update_me(
    changes: UserUpdate,
    user: CurrentUser,
    user_manager: UserManagerDep,
    session_token: SessionCookie,
) -> User:
    """Change names, base currency or password (a new password needs `current_password`)."""
    return await user_manager.update_profile(user, changes, current_session=session_token)


@router.delete("/me", operation_id="users:delete_me", status_code=status.HTTP_204_NO_CONTENT)
async def delete_me(
    body: AccountDeletion, user: SignedInPerson, user_manager: UserManagerDep, settings: SettingsDep
) -> Response:
    """Delete the account and every row it owns (needs the password and the typed email).
    This cannot be undone."""
    await user_manager.delete_own_account(
        user, password=body.password, confirmation=body.confirmation
    )
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookies(response, settings)
    return response


async def _get_user(user_manager: UserManagerDep, user_id: uuid.UUID) -> User:
    user = await user_manager.user_db.get(user_id)
    if user is None:
        raise NotFound("No such user.")
    return user


@router.get("/{user_id}", operation_id="users:get", response_model=UserRead)
async def get_user(user_id: uuid.UUID, _admin: CurrentAdmin, user_manager: UserManagerDep) -> User:
    """Read any user (administrators only)."""
    return await _get_user(user_manager, user_id)


@router.patch("/{user_id}", operation_id="users:update", response_model=UserRead)
async def update_user(
    user_id: uuid.UUID, changes: AdminUserUpdate, _admin: CurrentAdmin, user_manager: UserManagerDep
) -> User:
    """Activate, deactivate, verify or rename a user (administrators only)."""
    user = await _get_user(user_manager, user_id)
    return await user_manager.user_db.update(user, changes.model_dump(exclude_unset=True))


@router.delete("/{user_id}", operation_id="users:delete", status_code=status.HTTP_204_NO_CONTENT)
async def delete_user(
    user_id: uuid.UUID, _admin: CurrentAdmin, user_manager: UserManagerDep
) -> None:
    """Delete a user and everything they own (administrators only)."""
    await user_manager.delete(await _get_user(user_manager, user_id))

import uuid

from fastapi import APIRouter, Query, status

from cashbook.accounts.schemas import AccountCreate, AccountRead, AccountUpdate
from cashbook.accounts.service import account_service
from cashbook.auth.backends import CurrentUser
from cashbook.kit.deps import SessionDep
from cashbook.kit.encryption import KeysDep

router = APIRouter(prefix="/accounts", tags=["accounts"])


@router.get("", operation_id="accounts:list", response_model=list[AccountRead])
async def list_accounts(session: SessionDep, keys: KeysDep, user: CurrentUser) -> list[AccountRead]:
    """The signed-in person's accounts with their current balances."""
    return await account_service.list(session, keys, user)


@router.post(
    "",
    operation_id="accounts:create",
    response_model=AccountRead,
    status_code=status.HTTP_201_CREATED,
)
async def create_account(
    data: AccountCreate, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> AccountRead:
    """Add an account."""
    return await account_service.create(session, keys, user, data)


@router.get("/{account_id}", operation_id="accounts:get", response_model=AccountRead)
async def get_account(
    account_id: uuid.UUID, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> AccountRead:
    """Read one account with its balance."""
    return await account_service.read_one(session, keys, user, account_id)


@router.patch("/{account_id}", operation_id="accounts:update", response_model=AccountRead)
async def update_account(
    account_id: uuid.UUID,
    changes: AccountUpdate,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
) -> AccountRead:
    """Rename, archive or correct an account."""
    return await account_service.update(session, keys, user, account_id, changes)


@router.delete(
    "/{account_id}", operation_id="accounts:delete", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_account(
    account_id: uuid.UUID,
    session: SessionDep,
    user: CurrentUser,
    force: bool = Query(False, description="Also delete the account's transactions."),
) -> None:
    """Delete an account; one with transactions needs `force=true` (409 otherwise)."""
    await account_service.delete(session, user, account_id, force=force)

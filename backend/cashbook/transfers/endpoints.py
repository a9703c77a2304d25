import uuid

from fastapi import APIRouter, status

from cashbook.auth.backends import CurrentUser
from cashbook.history.actor import CurrentActor
from cashbook.kit.deps import SessionDep
from cashbook.kit.encryption import KeysDep
from cashbook.transfers.schemas import CashWithdrawal, Transfer, TransferCreate
from cashbook.transfers.service import transfer_service

router = APIRouter(prefix="/transfers", tags=["transfers"])


@router.post(
    "",
    operation_id="transfers:create",
    response_model=Transfer,
    status_code=status.HTTP_201_CREATED,
)
async def create_transfer(
    data: TransferCreate,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    actor: CurrentActor,
) -> Transfer:
    """Link two transactions as one transfer between your accounts."""
    return await transfer_service.link(session, keys, user, data.transaction_ids, actor)


@router.post(
    "/cash-withdrawal",
    operation_id="transfers:cash_withdrawal",
    response_model=Transfer,
    status_code=status.HTTP_201_CREATED,
)
async def cash_withdrawal(
    data: CashWithdrawal,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    actor: CurrentActor,
) -> Transfer:
    """Record a withdrawal as money moved into a cash account."""
    return await transfer_service.cash_withdrawal(
        session, keys, user, data.transaction_id, data.cash_account_id, actor
    )


@router.delete(
    "/{transfer_id}", operation_id="transfers:delete", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_transfer(
    transfer_id: uuid.UUID,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    actor: CurrentActor,
) -> None:
    """Unlink a transfer: its two transactions count as income and expense again."""
    await transfer_service.unlink(session, keys, user, transfer_id, actor)

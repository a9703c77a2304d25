import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from fastapi_users.router.common import ErrorModel

from cashbook.auth.backends import CurrentUser
from cashbook.history.actor import CurrentActor
from cashbook.history.schemas import VersionPage
from cashbook.kit.deps import SessionDep
from cashbook.kit.encryption import KeysDep
from cashbook.transactions.schemas import (
    BulkMatchingRequest,
    BulkRequest,
    BulkResult,
    DeletedTransaction,
    TransactionCount,
    TransactionCreate,
    TransactionMatch,
    TransactionPage,
    TransactionQuery,
    TransactionRead,
    TransactionSplitSet,
    TransactionUpdate,
    UndoResult,
)
from cashbook.transactions.service import transaction_service
from cashbook.transfers.service import transfer_service

router = APIRouter(prefix="/transactions", tags=["transactions"])
batches_router = APIRouter(prefix="/transaction-batches", tags=["transactions"])


@router.get("", operation_id="transactions:list", response_model=TransactionPage)
async def list_transactions(
    query: Annotated[TransactionQuery, Query()],
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
) -> dict[str, Any]:
    """Filter, search and page through the signed-in person's transactions."""
    return await transaction_service.list(session, keys, user, query)


@router.post(
    "",
    operation_id="transactions:create",
    response_model=TransactionRead,
    status_code=status.HTTP_201_CREATED,
)
async def create_transaction(
    data: TransactionCreate,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    actor: CurrentActor,
) -> dict[str, Any]:
    """Record a transaction by hand."""
    created = await transaction_service.create(session, keys, user, data, actor)
    if await transfer_service.match_transfers(session, keys, user.id, [created["id"]], actor):
        created = await transaction_service.read_one(session, keys, user, created["id"])
    return created


@router.post("/bulk", operation_id="transactions:bulk", response_model=BulkResult)
async def bulk_transactions(
    request: BulkRequest,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    actor: CurrentActor,
) -> BulkResult:
    """Categorise, tag, untag or delete many transactions at once, all or nothing."""
    return await transaction_service.bulk(session, keys, user, request, actor)


@router.get(
    "/deleted", operation_id="transactions:deleted", response_model=list[DeletedTransaction]
)
async def recently_deleted(
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
) -> list[dict[str, Any]]:
    """Transactions deleted in the last 30 days (restorable), the latest first."""
    return await transaction_service.recently_deleted(session, keys, user, limit)


@router.get("/count", operation_id="transactions:count", response_model=TransactionCount)
async def count_transactions(
    query: Annotated[TransactionMatch, Query()],
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
) -> TransactionCount:
    """How many transactions the filters of the list match (for "select all N matching")."""
    return TransactionCount(count=await transaction_service.count(session, keys, user, query))


@router.post(
    "/bulk-matching",
    operation_id="transactions:bulk_matching",
    response_model=BulkResult,
    responses={
        status.HTTP_409_CONFLICT: {
            "model": ErrorModel,
            "description": "MATCHING_COUNT_CHANGED: the filters no longer match "
            "`expected_count` transactions; nothing changed.",
        }
    },
)
async def bulk_matching_transactions(
    request: BulkMatchingRequest,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    actor: CurrentActor,
) -> BulkResult:
    """Categorise, tag, untag or delete every transaction the filters match, all or nothing."""
    return await transaction_service.bulk_matching(session, keys, user, request, actor)


@router.get("/{transaction_id}", operation_id="transactions:get", response_model=TransactionRead)
async def get_transaction(
    transaction_id: uuid.UUID, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> dict[str, Any]:
    """Read one transaction."""
    return await transaction_service.read_one(session, keys, user, transaction_id)


@router.get(
    "/{transaction_id}/history",
    operation_id="transactions:history",
    response_model=VersionPage,
)
async def transaction_history(
    transaction_id: uuid.UUID,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    after: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> dict[str, Any]:
    """Every change of a transaction, oldest first."""
    return await transaction_service.history(session, keys, user, transaction_id, after, limit)


@router.post(
    "/{transaction_id}/restore",
    operation_id="transactions:restore",
    response_model=TransactionRead,
)
async def restore_transaction(
    transaction_id: uuid.UUID,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    actor: CurrentActor,
) -> dict[str, Any]:
    """Bring back a transaction deleted in the last 30 days."""
    return await transaction_service.restore(session, keys, user, transaction_id, actor)


@router.patch(
    "/{transaction_id}", operation_id="transactions:update", response_model=TransactionRead
)
async def update_transaction(
    transaction_id: uuid.UUID,
    changes: TransactionUpdate,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    actor: CurrentActor,
) -> dict[str, Any]:
    """Change a transaction (`tag_ids` replaces its tags)."""
    return await transaction_service.update(session, keys, user, transaction_id, changes, actor)


@router.put(
    "/{transaction_id}/splits",
    operation_id="transactions:split",
    response_model=TransactionRead,
    responses={
        status.HTTP_422_UNPROCESSABLE_CONTENT: {
            "model": ErrorModel,
            "description": "SPLIT_MISMATCH (the parts do not add up to the amount, one part "
            "only, or a part of zero) or field errors.",
        }
    },
)
async def split_transaction(
    transaction_id: uuid.UUID,
    request: TransactionSplitSet,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
) -> dict[str, Any]:
    """Split a transaction into parts (replacing any parts it had; no parts removes it)."""
    return await transaction_service.split(session, keys, user, transaction_id, request)


@router.delete(
    "/{transaction_id}",
    operation_id="transactions:delete",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def delete_transaction(
    transaction_id: uuid.UUID,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    actor: CurrentActor,
) -> None:
    """Delete a transaction."""
    await transaction_service.delete(session, keys, user, transaction_id, actor)


@batches_router.post(
    "/{batch_id}/undo", operation_id="transactions:undo_batch", response_model=UndoResult
)
async def undo_batch(
    batch_id: uuid.UUID,
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
    actor: CurrentActor,
) -> dict[str, Any]:
    """Undo a batch of changes (a bulk action, an import) as one new batch."""
    return await transaction_service.undo(session, keys, user, batch_id, actor)

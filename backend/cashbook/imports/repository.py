"""Every query of imports and of where transactions came from (their origins)."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.kit.repository import OwnedRepository
from cashbook.models import StatementImport, Transaction, TransactionOrigin
from cashbook.models.statement_import import ImportStatus

CHUNK = 1000


@dataclass(frozen=True, slots=True)
class Stored:
    """What the ingest needs to know about a transaction already stored."""

    transaction_id: uuid.UUID
    digest: bytes | None
    pending: bool


class ImportRepository(OwnedRepository[StatementImport]):
    model = StatementImport

    async def claim(self, import_id: uuid.UUID, now: datetime, stale_before: datetime) -> bool:
        """Take a queued import (or one whose worker vanished) for this worker."""
        result = await self.session.execute(
            update(StatementImport)
            .where(
                StatementImport.id == import_id,
                or_(
                    StatementImport.status == ImportStatus.queued,
                    (StatementImport.status == ImportStatus.running)
                    & (StatementImport.started_at < stale_before),
                ),
            )
            .values(status=ImportStatus.running, started_at=now)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    async def requeue(self, import_id: uuid.UUID) -> None:
        await self.session.execute(
            update(StatementImport)
            .where(StatementImport.id == import_id)
            .values(status=ImportStatus.queued)
            .execution_options(synchronize_session=False)
        )

    async def waiting(self, queued_before: datetime, stale_before: datetime) -> Sequence[uuid.UUID]:
        """Imports whose job was lost: queued long ago, or running with no worker left."""
        statement = select(StatementImport.id).where(
            or_(
                (StatementImport.status == ImportStatus.queued)
                & (StatementImport.created_at < queued_before),
                (StatementImport.status == ImportStatus.running)
                & (StatementImport.started_at < stale_before),
            )
        )
        return (await self.session.execute(statement)).scalars().all()


class OriginRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: uuid.UUID, transaction_id: uuid.UUID) -> TransactionOrigin | None:
        statement = select(TransactionOrigin).where(
            TransactionOrigin.id == transaction_id, TransactionOrigin.user_id == user_id
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def stored(self, account_id: uuid.UUID, indexes: set[bytes]) -> dict[bytes, Stored]:
        """The transactions of an account with these external-id indexes, with their origins
        (a transaction entered by hand has none)."""
        found: dict[bytes, Stored] = {}
        index_list = list(indexes)
        for start in range(0, len(index_list), CHUNK):
            statement = (
                select(
                    Transaction.external_id_index,
                    Transaction.id,
                    TransactionOrigin.digest,
                    TransactionOrigin.pending,
                )
                .outerjoin(TransactionOrigin, TransactionOrigin.id == Transaction.id)
                .where(
                    Transaction.account_id == account_id,
                    Transaction.external_id_index.in_(index_list[start : start + CHUNK]),
                )
            )
            for index, transaction_id, digest, pending in await self.session.execute(statement):
                found[bytes(index)] = Stored(
                    transaction_id, bytes(digest) if digest else None, bool(pending)
                )
        return found

    async def insert_many(self, rows: list[dict[str, Any]]) -> None:
        for start in range(0, len(rows), CHUNK):
            await self.session.execute(insert(TransactionOrigin), rows[start : start + CHUNK])

    async def upsert(self, transaction_id: uuid.UUID, values: dict[str, Any]) -> None:
        """Replace what a transaction's origin says (a transaction entered by hand gets one)."""
        changes = {key: value for key, value in values.items() if key != "created_at"}
        changed = await self.session.execute(
            update(TransactionOrigin)
            .where(TransactionOrigin.id == transaction_id)
            .values(changes)
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount == 0:
            await self.session.execute(
                insert(TransactionOrigin).values(id=transaction_id, **values)
            )

    async def update_transaction(self, transaction_id: uuid.UUID, values: dict[str, Any]) -> None:
        await self.session.execute(
            update(Transaction)
            .where(Transaction.id == transaction_id)
            .values(values)
            .execution_options(synchronize_session=False)
        )

    async def pending_since(
        self, account_id: uuid.UUID, since: date
    ) -> list[tuple[uuid.UUID, bytes]]:
        """Pending (not yet booked) transactions of an account dated `since` or later."""
        statement = (
            select(Transaction.id, Transaction.external_id_index)
            .join(TransactionOrigin, TransactionOrigin.id == Transaction.id)
            .where(
                Transaction.account_id == account_id,
                Transaction.booked_on >= since,
                TransactionOrigin.pending.is_(True),
            )
        )
        return [(row_id, bytes(index)) for row_id, index in await self.session.execute(statement)]

    async def oldest_pending(self, account_id: uuid.UUID) -> date | None:
        statement = (
            select(Transaction.booked_on)
            .join(TransactionOrigin, TransactionOrigin.id == Transaction.id)
            .where(Transaction.account_id == account_id, TransactionOrigin.pending.is_(True))
            .order_by(Transaction.booked_on)
            .limit(1)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

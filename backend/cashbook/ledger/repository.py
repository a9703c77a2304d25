"""Every query of the ledger's write path: what is stored under which external ids, Core
inserts of new rows, and the origins of transactions (where each came from)."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models import Transaction, TransactionOrigin, TransactionPart, TransactionWord
from cashbook.models.transaction import INCLUDE_DELETED

LOOKUP_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class Stored:
    """What de-duplication needs to know about a transaction already stored."""

    transaction_id: uuid.UUID
    digest: bytes | None  # None: entered by hand, no origin
    pending: bool


class LedgerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def stored(
        self, account_ids: Iterable[uuid.UUID], indexes: set[bytes]
    ) -> dict[bytes, Stored]:
        """The transactions of these accounts with these external-id indexes, with their
        origins. Naming the accounts lets the database use the (account, index) unique key."""
        found: dict[bytes, Stored] = {}
        accounts, index_list = list(account_ids), list(indexes)
        for start in range(0, len(index_list), LOOKUP_CHUNK):
            statement = (
                select(
                    Transaction.external_id_index,
                    Transaction.id,
                    TransactionOrigin.digest,
                    TransactionOrigin.pending,
                )
                .outerjoin(TransactionOrigin, TransactionOrigin.id == Transaction.id)
                .where(
                    Transaction.account_id.in_(accounts),
                    Transaction.external_id_index.in_(index_list[start : start + LOOKUP_CHUNK]),
                )
                # A deleted transaction is still stored: its record is not new again.
                .execution_options(**{INCLUDE_DELETED: True})
            )
            for index, transaction_id, digest, pending in await self.session.execute(statement):
                found[bytes(index)] = Stored(
                    transaction_id, bytes(digest) if digest else None, bool(pending)
                )
        return found

    async def insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """One Core executemany on the session's connection: no ORM bulk path, no re-select
        (the caller made the ids)."""
        if rows:
            connection = await self.session.connection()
            await connection.execute(insert(table), rows)

    async def update_transaction(self, transaction_id: uuid.UUID, values: dict[str, Any]) -> None:
        await self.session.execute(
            update(Transaction)
            .where(Transaction.id == transaction_id)
            .values(values)
            .execution_options(synchronize_session=False)
        )

    async def unsplit_if_amount_changes(self, transaction_id: uuid.UUID, amount: int) -> None:
        """Parts that would no longer add up to the transaction's new amount go."""
        changed = select(Transaction.id).where(
            Transaction.id == transaction_id, Transaction.amount != amount
        )
        await self.session.execute(
            delete(TransactionPart).where(
                TransactionPart.transaction_id == transaction_id,
                TransactionPart.transaction_id.in_(changed),
            )
        )

    async def replace_words(self, transaction_id: uuid.UUID, words: set[bytes]) -> None:
        await self.session.execute(
            delete(TransactionWord).where(TransactionWord.transaction_id == transaction_id)
        )
        await self.insert(
            TransactionWord.__table__,
            [{"transaction_id": transaction_id, "word": word} for word in words],
        )

    async def upsert_origin(self, transaction_id: uuid.UUID, values: dict[str, Any]) -> None:
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

    async def origin(
        self, user_id: uuid.UUID, transaction_id: uuid.UUID
    ) -> TransactionOrigin | None:
        statement = select(TransactionOrigin).where(
            TransactionOrigin.id == transaction_id, TransactionOrigin.user_id == user_id
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

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

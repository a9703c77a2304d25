"""Every query of the transactions' history: appending versions and reading them back. There
is deliberately no update or delete here: versions are append-only."""

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models import TransactionVersion

LOOKUP_CHUNK = 1000


class HistoryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def latest(self, transaction_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
        """The newest version number of each of these transactions that has any."""
        ids = list(transaction_ids)
        found: dict[uuid.UUID, int] = {}
        for start in range(0, len(ids), LOOKUP_CHUNK):
            statement = (
                select(TransactionVersion.transaction_id, func.max(TransactionVersion.version))
                .where(TransactionVersion.transaction_id.in_(ids[start : start + LOOKUP_CHUNK]))
                .group_by(TransactionVersion.transaction_id)
            )
            found.update(dict((await self.session.execute(statement)).tuples().all()))
        return found

    async def append(self, rows: list[dict[str, Any]]) -> None:
        """One Core executemany on the session's connection, in the caller's transaction."""
        if rows:
            connection = await self.session.connection()
            await connection.execute(insert(TransactionVersion), rows)

    async def page(
        self, user_id: uuid.UUID, transaction_id: uuid.UUID, after: int, limit: int
    ) -> Sequence[TransactionVersion]:
        statement = (
            select(TransactionVersion)
            .where(
                TransactionVersion.user_id == user_id,
                TransactionVersion.transaction_id == transaction_id,
                TransactionVersion.version > after,
            )
            .order_by(TransactionVersion.version)
            .limit(limit)
        )
        return (await self.session.execute(statement)).scalars().all()

    async def batch(
        self, user_id: uuid.UUID, batch_id: uuid.UUID, limit: int
    ) -> Sequence[TransactionVersion]:
        statement = (
            select(TransactionVersion)
            .where(TransactionVersion.user_id == user_id, TransactionVersion.batch_id == batch_id)
            .order_by(TransactionVersion.transaction_id, TransactionVersion.version)
            .limit(limit)
        )
        return (await self.session.execute(statement)).scalars().all()

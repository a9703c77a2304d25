"""Queries over every encrypted column, by the key id each stored value carries."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.kit.keys import KEY_ID_SIZE
from cashbook.models.transaction import INCLUDE_DELETED

# Rotation covers every stored value, deleted transactions' too (they may yet be restored).
EVERY_ROW = {INCLUDE_DELETED: True}


def _key_id(column: Any):
    # Byte 1 is the format version; the key id follows (kit/encryption.py).
    return func.substr(column, 2, KEY_ID_SIZE)


class EncryptedColumnRepository:
    def __init__(self, session: AsyncSession, model: Any, column: str) -> None:
        self.session = session
        self.model = model
        self.column = getattr(model, column)
        self.name = column

    async def count_by_key(self) -> dict[bytes, int]:
        key = _key_id(self.column)
        statement = select(key, func.count()).where(self.column.is_not(None)).group_by(key)
        rows = await self.session.execute(statement.execution_options(**EVERY_ROW))
        return {bytes(k or b""): n for k, n in rows}

    async def count_not_on(self, key_id: bytes) -> int:
        statement = select(func.count()).where(
            self.column.is_not(None), _key_id(self.column) != key_id
        )
        return (await self.session.execute(statement.execution_options(**EVERY_ROW))).scalar_one()

    async def batch(
        self, after: uuid.UUID | None, size: int, not_on: bytes | None = None
    ) -> Sequence[Row]:
        """The next rows (by id) holding a value; with `not_on`, only values under another key."""
        statement = select(self.model.id, self.model.owner_column(), self.column).where(
            self.column.is_not(None)
        )
        if not_on is not None:
            statement = statement.where(_key_id(self.column) != not_on)
        if after is not None:
            statement = statement.where(self.model.id > after)
        statement = statement.order_by(self.model.id).limit(size).execution_options(**EVERY_ROW)
        return (await self.session.execute(statement)).all()

    async def replace(self, changes: list[dict[str, Any]]) -> int:
        """Swap old ciphertexts for new ones, but only where the old one is still stored: a
        value the API rewrote meanwhile is already under the current key and stays."""
        if not changes:
            return 0
        table = self.model.__table__  # Core: an executemany of plain UPDATE statements
        statement = (
            update(table)
            .where(table.c.id == bindparam("row_id"), table.c[self.name] == bindparam("old"))
            .values({self.name: bindparam("new")})
        )
        # executemany: rowcount is summed by the drivers used here.
        result = await self.session.execute(statement, changes)
        return (
            result.rowcount
            if result.rowcount is not None and result.rowcount >= 0
            else len(changes)
        )

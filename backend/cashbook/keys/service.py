"""Key rotation: re-encrypt every encrypted column under the newest key, in batches, online.

Each batch is its own short transaction, so the API keeps serving; a value the API changes
during the run is written under the current key already and is left alone. Running it again
continues where it stopped (it only ever picks values not yet on the current key).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cashbook.keys.repository import EncryptedColumnRepository
from cashbook.kit import metrics
from cashbook.kit.db import session_scope
from cashbook.kit.encryption import DecryptionFailed, FieldCipher
from cashbook.models.base import encrypted_columns

log = structlog.get_logger(__name__)


@dataclass
class ColumnStatus:
    table: str
    column: str
    by_key: dict[bytes, int]


@dataclass
class RotationResult:
    rotated: int = 0
    skipped_changed: int = 0
    failed: list[str] = field(default_factory=list)  # "table.column row-id", never values


@dataclass
class VerifyResult:
    read: int = 0
    failed: list[str] = field(default_factory=list)  # "table.column row-id", never values


def _decrypt(cipher: FieldCipher, model: Any, column: str, row: Any, failed: list[str]):
    """The plaintext of one stored value, or None (counted, logged, listed) when it fails."""
    row_id, user_id, blob = row
    table = model.__tablename__
    try:
        return cipher.decrypt_bytes(blob, model.field_context(column, row_id, user_id))
    except DecryptionFailed as error:
        failed.append(f"{table}.{column} {row_id}")
        metrics.DECRYPTION_FAILURES.labels(table).inc()
        log.warning(
            "a stored value does not decrypt",
            table=table,
            column=column,
            row_id=str(row_id),
            why=error.why,
        )
        return None


class KeyService:
    async def status(self, session: AsyncSession) -> list[ColumnStatus]:
        result = []
        for model, column in encrypted_columns():
            counts = await EncryptedColumnRepository(session, model, column).count_by_key()
            result.append(ColumnStatus(model.__tablename__, column, counts))
        return result

    async def pending(self, session: AsyncSession, cipher: FieldCipher) -> int:
        total = 0
        for model, column in encrypted_columns():
            repository = EncryptedColumnRepository(session, model, column)
            total += await repository.count_not_on(cipher.current_key_id)
        return total

    async def rotate(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        cipher: FieldCipher,
        *,
        batch_size: int = 500,
        progress: Callable[[int], None] = lambda _n: None,
    ) -> RotationResult:
        result = RotationResult()
        for model, column in encrypted_columns():
            after = None
            while True:
                async with session_scope(sessionmaker) as session:
                    repository = EncryptedColumnRepository(session, model, column)
                    rows = await repository.batch(after, batch_size, cipher.current_key_id)
                    if not rows:
                        break
                    changes = []
                    for row in rows:
                        plain = _decrypt(cipher, model, column, row, result.failed)
                        if plain is None:
                            continue
                        row_id, user_id, blob = row
                        new = cipher.encrypt_bytes(
                            plain, model.field_context(column, row_id, user_id)
                        )
                        changes.append({"row_id": row_id, "old": blob, "new": new})
                    replaced = await repository.replace(changes)
                    result.rotated += replaced
                    result.skipped_changed += len(changes) - replaced
                    after = rows[-1][0]
                progress(len(rows))
        return result

    async def verify(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        cipher: FieldCipher,
        *,
        batch_size: int = 500,
    ) -> VerifyResult:
        """Decrypts every stored value (read only): after a restore, proves that the keys at
        hand match the data and that no value was moved or damaged."""
        result = VerifyResult()
        for model, column in encrypted_columns():
            after = None
            while True:
                async with session_scope(sessionmaker) as session:
                    repository = EncryptedColumnRepository(session, model, column)
                    rows = await repository.batch(after, batch_size)
                if not rows:
                    break
                for row in rows:
                    if _decrypt(cipher, model, column, row, result.failed) is not None:
                        result.read += 1
                after = rows[-1][0]
        return result


key_service = KeyService()

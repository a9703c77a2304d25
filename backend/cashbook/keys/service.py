"""Key rotation: re-encrypt every encrypted column under the newest key, in batches, online.

Each batch is its own short transaction, so the API keeps serving; a value the API changes
during the run is written under the current key already and is left alone. Running it again
continues where it stopped (it only ever picks values not yet on the current key).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

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
            table = model.__tablename__
            after = None
            while True:
                async with session_scope(sessionmaker) as session:
                    repository = EncryptedColumnRepository(session, model, column)
                    rows = await repository.batch_not_on(cipher.current_key_id, after, batch_size)
                    if not rows:
                        break
                    changes = []
                    for row_id, user_id, blob in rows:
                        context = model.field_context(column, row_id, user_id)
                        try:
                            plain = cipher.decrypt_bytes(blob, context)
                        except DecryptionFailed as error:
                            result.failed.append(f"{table}.{column} {row_id}")
                            metrics.DECRYPTION_FAILURES.labels(table).inc()
                            log.warning(
                                "cannot re-encrypt a value that does not decrypt",
                                table=table,
                                column=column,
                                row_id=str(row_id),
                                why=error.why,
                            )
                            continue
                        new = cipher.encrypt_bytes(plain, context)
                        changes.append({"row_id": row_id, "old": blob, "new": new})
                    replaced = await repository.replace(changes)
                    result.rotated += replaced
                    result.skipped_changed += len(changes) - replaced
                    after = rows[-1][0]
                progress(len(rows))
        return result


key_service = KeyService()

"""Reads back everything a database holds: every row of every table, and every encrypted
value decrypted with the keys the settings name (a restore or an upgrade must keep both)."""

from sqlalchemy import func, select

from cashbook.config import Settings
from cashbook.kit.db import create_engine
from cashbook.kit.encryption import Context, field_cipher
from cashbook.models import Base
from cashbook.models.base import encrypted_columns


async def read_back(settings: Settings) -> tuple[dict[str, int], dict[str, int]]:
    """Rows per table, and decrypted values per `table.column`; a value that does not
    decrypt raises."""
    cipher = field_cipher(settings)
    engine = create_engine(settings)
    rows: dict[str, int] = {}
    decrypted: dict[str, int] = {}
    try:
        async with engine.connect() as connection:
            for table in Base.metadata.sorted_tables:
                count = select(func.count()).select_from(table)
                rows[table.name] = (await connection.execute(count)).scalar_one()
            for model, column in encrypted_columns():
                table = model.__tablename__
                statement = select(model.id, model.owner_column(), getattr(model, column)).where(
                    getattr(model, column).is_not(None)
                )
                values = (await connection.execute(statement)).all()
                for row_id, user_id, blob in values:
                    cipher.decrypt_bytes(blob, Context(table, column, row_id, user_id))
                decrypted[f"{table}.{column}"] = len(values)
    finally:
        await engine.dispose()
    return rows, decrypted

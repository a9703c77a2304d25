import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from fastapi_users_db_sqlalchemy.generics import GUID
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from cashbook.kit.encryption import Context, RowContext
from cashbook.kit.types import UTCDateTime

# Short, deterministic constraint names: MariaDB rejects identifiers over 64 characters.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {uuid.UUID: GUID, datetime: UTCDateTime}

    # Columns stored encrypted (`kit/encryption.py`) and the blind indexes kept beside them.
    # Declared here once: sealing takes the table from the model, and key rotation and the
    # tests that look for plaintext in the database read these lists.
    __encrypted__: ClassVar[tuple[str, ...]] = ()
    __blind_indexed__: ClassVar[tuple[str, ...]] = ()
    # The column naming whose data a row is (part of the associated data); a person's own row
    # names itself.
    __owner__: ClassVar[str] = "user_id"

    @classmethod
    def owner_column(cls) -> Any:
        return getattr(cls, cls.__owner__)

    @classmethod
    def field_context(cls, column: str, row_id: uuid.UUID, owner_id: uuid.UUID) -> Context:
        """Where a value of an encrypted column lives (its associated data)."""
        if column not in cls.__encrypted__:
            raise KeyError(f"{cls.__tablename__}.{column} is not declared encrypted")
        return Context(cls.__tablename__, column, row_id, owner_id)

    @classmethod
    def row_context(cls, row_id: uuid.UUID, owner_id: uuid.UUID) -> RowContext:
        """The associated data of a row's encrypted columns, the ids formatted once."""
        return RowContext(cls.__tablename__, row_id, owner_id)


def encrypted_columns() -> list[tuple[type[Base], str]]:
    """Every encrypted column of every table, as the models declare them."""
    models = sorted((m.class_ for m in Base.registry.mappers), key=lambda m: m.__tablename__)
    return [(model, column) for model in models for column in model.__encrypted__]


class IdMixin:
    id: Mapped[uuid.UUID] = mapped_column(GUID, primary_key=True, default=uuid.uuid4)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

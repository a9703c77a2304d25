"""Column types that behave the same on MariaDB and SQLite."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, LargeBinary
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as a naive UTC DATETIME (microseconds on MariaDB), returned timezone-aware.

    Not TIMESTAMP: MariaDB converts TIMESTAMP through the session time zone and ends in 2038.
    """

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect):
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Digest(TypeDecorator[bytes]):
    """A short fixed-size hash (a blind index): VARBINARY on MariaDB, so it can be indexed
    without a prefix length; BLOB on SQLite."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, length: int = 16) -> None:
        super().__init__()
        self.length = length

    def load_dialect_impl(self, dialect: Dialect):
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.VARBINARY(self.length))
        return dialect.type_descriptor(LargeBinary())

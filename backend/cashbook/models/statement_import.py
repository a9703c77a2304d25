import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, TimestampMixin


class ImportStatus(StrEnum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"


class StatementImport(IdMixin, TimestampMixin, Base):
    """An uploaded statement file and what became of it. The file (compressed, encrypted)
    waits here for the worker and is erased once it has been read."""

    __tablename__ = "imports"
    __encrypted__ = ("file_name", "content")

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[bytes | None] = mapped_column(LargeBinary)
    content: Mapped[bytes | None] = mapped_column(
        LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")
    )
    size_bytes: Mapped[int] = mapped_column(Integer)
    requested_format: Mapped[str | None] = mapped_column(String(20))
    mapping: Mapped[str | None] = mapped_column(Text)  # column names, JSON
    format: Mapped[str | None] = mapped_column(String(30))
    encoding: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=ImportStatus.queued)
    total: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    # Records of the file stored so far (committed chunk by chunk): where a resumed run starts.
    processed: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(50))
    message: Mapped[str | None] = mapped_column(String(500))
    errors: Mapped[str | None] = mapped_column(Text)  # [{"position", "unit", "message"}], JSON
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.kit.types import Digest
from cashbook.models.base import Base, IdMixin, utcnow


class DataExport(IdMixin, Base):
    """A person's export of everything they have: a ZIP built by the worker, stored encrypted
    until its single-use link is followed or it expires. The row stays (without the file) so
    the one-export-a-day limit can be counted."""

    __tablename__ = "data_exports"
    __encrypted__ = ("content",)
    # A digest of the link's random token (SHA-256, not keyed: the token carries 256 bits).
    __blind_indexed__ = ("token_index",)

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="pending")
    token_index: Mapped[bytes | None] = mapped_column(Digest(), unique=True)
    content: Mapped[bytes | None] = mapped_column(
        LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    expires_at: Mapped[datetime]
    downloaded_at: Mapped[datetime | None] = mapped_column(default=None)

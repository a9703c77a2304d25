import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, utcnow


class AuditEntry(Base):
    """One request made while impersonating. Append-only: no code path updates or deletes a
    row (only deleting the user it is about removes their entries)."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    impersonation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("impersonations.id", ondelete="CASCADE"), index=True
    )
    method: Mapped[str] = mapped_column(String(10))
    route: Mapped[str] = mapped_column(String(255))
    status: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, utcnow


class LiveEvent(Base):
    """A change one person's open screens should hear about. Written in the unit of work that
    made the change (by the API or a worker); every API process reads new rows in `id` order
    and streams them to that person's connections, and a reconnecting client catches up from
    the last `id` it saw."""

    __tablename__ = "live_events"

    # SQLite only auto-increments an INTEGER primary key.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, utcnow


class Impersonation(IdMixin, Base):
    """An administrator acting as a user, for a stated reason and a bounded time.

    The actor's email is copied so the record still names them after their account is gone;
    the record goes with the user it is about (the person's data, deleted with them).
    """

    __tablename__ = "impersonations"

    actor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    actor_email: Mapped[str] = mapped_column(String(320))
    subject_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(500))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(default=None)

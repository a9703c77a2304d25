import uuid

from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, TimestampMixin


class AlertPreference(IdMixin, TimestampMixin, Base):
    """A person's choice for one kind of alert; without a row the kind's defaults apply.
    `threshold` (minor units of the base currency) is what a large transaction exceeds."""

    __tablename__ = "alert_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    in_app: Mapped[bool] = mapped_column(default=True)
    email: Mapped[bool] = mapped_column(default=True)
    threshold: Mapped[int | None] = mapped_column(BigInteger)

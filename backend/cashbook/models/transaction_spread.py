import uuid

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, TimestampMixin


class TransactionSpread(IdMixin, TimestampMixin, Base):
    """An expense that budgets count as 1/`months` in each of `months` months from its booking
    month (the first month takes the remainder). The balance still moves once, when booked."""

    __tablename__ = "transaction_spreads"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    transaction_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("transactions.id", ondelete="CASCADE"), unique=True
    )
    months: Mapped[int] = mapped_column(Integer)

import uuid
from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, TimestampMixin


class Budget(IdMixin, TimestampMixin, Base):
    """What a person plans to spend in one category in one month, in minor units of their base
    currency. `month` is the month's first day."""

    __tablename__ = "budgets"
    __table_args__ = (
        UniqueConstraint("category_id", "month"),
        Index("ix_budgets_user_month", "user_id", "month"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    category_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("categories.id", ondelete="CASCADE"))
    month: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)

import uuid

from sqlalchemy import BigInteger, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, TimestampMixin


class BudgetSplit(IdMixin, TimestampMixin, Base):
    """A person's monthly split of `income` (minor units of the base currency) into
    essentials / desires / savings percentages that sum to 100."""

    __tablename__ = "budget_splits"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    income: Mapped[int] = mapped_column(BigInteger)
    essentials: Mapped[int] = mapped_column(Integer)
    desires: Mapped[int] = mapped_column(Integer)
    savings: Mapped[int] = mapped_column(Integer)

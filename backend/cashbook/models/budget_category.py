import uuid
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, TimestampMixin


class BudgetGroup(StrEnum):
    essentials = "essentials"
    desires = "desires"
    savings = "savings"


class BudgetCategory(IdMixin, TimestampMixin, Base):
    """How a category is budgeted across months: its group in the split, and whether what is
    left (or overspent) rolls over into the next month."""

    __tablename__ = "budget_categories"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("categories.id", ondelete="CASCADE"), unique=True
    )
    group: Mapped[str | None] = mapped_column(String(12))
    rollover: Mapped[bool] = mapped_column(default=False)

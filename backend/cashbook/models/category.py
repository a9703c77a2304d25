import uuid
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, TimestampMixin
from cashbook.models.name_key import NameKeyMixin


class CategoryKind(StrEnum):
    income = "income"
    expense = "expense"


class Category(NameKeyMixin, IdMixin, TimestampMixin, Base):
    """A person's own label for what money was for; a transaction has at most one."""

    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("user_id", "name_key"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10), default=CategoryKind.expense)
    colour: Mapped[str] = mapped_column(String(7), default="#9e9e9e")
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), index=True
    )

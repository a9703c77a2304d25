import uuid

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, TimestampMixin


class Rule(IdMixin, TimestampMixin, Base):
    """A person's rule: when a transaction meets its conditions, it gets the rule's category,
    tags and display name. Rules are tried in `position` order (`rules/matching.py`).

    What a rule looks for (its conditions) and what it names are personal data, so they are
    encrypted like descriptions; the category and the tags are ids, as on transactions.
    """

    __tablename__ = "rules"
    __encrypted__ = ("name", "conditions", "display_name")

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    match: Mapped[str] = mapped_column(String(3), default="all")  # "all" | "any"
    name: Mapped[bytes | None] = mapped_column(LargeBinary)
    conditions: Mapped[bytes | None] = mapped_column(LargeBinary)  # JSON list, encrypted
    category_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL")
    )
    display_name: Mapped[bytes | None] = mapped_column(LargeBinary)

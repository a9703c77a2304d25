import uuid

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base


class TransactionPartTag(Base):
    __tablename__ = "transaction_part_tags"

    part_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("transaction_parts.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )

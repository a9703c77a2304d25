import uuid

from sqlalchemy import BigInteger, ForeignKey, Integer, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, TimestampMixin


class TransactionPart(IdMixin, TimestampMixin, Base):
    """One part of a split transaction: its own amount (signed minor units of the
    transaction's currency), category and note. The parts of a transaction add up to its
    amount, and reports and budgets count them instead of the whole (`ledger/lines.py`)."""

    __tablename__ = "transaction_parts"
    __encrypted__ = ("note",)

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    transaction_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("transactions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    category_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[bytes | None] = mapped_column(LargeBinary)

import uuid

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.kit.types import Digest
from cashbook.models.base import Base


class TransactionWord(Base):
    """A blind index of one word of a transaction's description or counterparty, so text
    search is an indexed lookup of HMACs instead of decrypting the table."""

    __tablename__ = "transaction_words"
    __blind_indexed__ = ("word",)

    word: Mapped[bytes] = mapped_column(Digest(), primary_key=True)
    transaction_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("transactions.id", ondelete="CASCADE"), primary_key=True, index=True
    )

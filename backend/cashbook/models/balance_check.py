import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import BigInteger, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, TimestampMixin


class BalanceSource(StrEnum):
    bank = "bank"  # the bank's balance endpoint, at a sync
    statement = "statement"  # a statement file's closing balance


class BalanceCheck(IdMixin, TimestampMixin, Base):
    """An account's balance as someone outside the ledger stated it (`stated`, on
    `checked_on`) beside what the ledger held for that day (`ledger`). A check never changes a
    transaction; `adjustment` is how much a bank check moved the derived opening balance."""

    __tablename__ = "balance_checks"
    __table_args__ = (Index("ix_balance_checks_account_checked", "account_id", "checked_on"),)

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    import_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("imports.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[str] = mapped_column(String(10))
    checked_on: Mapped[date] = mapped_column(Date)
    stated: Mapped[int] = mapped_column(BigInteger)
    ledger: Mapped[int] = mapped_column(BigInteger)
    adjustment: Mapped[int] = mapped_column(BigInteger, default=0)
    booked_only: Mapped[bool] = mapped_column(default=True)  # False: counts pending payments

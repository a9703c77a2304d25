import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.kit.types import Digest
from cashbook.models.base import Base, IdMixin


class BankConnectionAccount(IdMixin, Base):
    """Which Cashbook account a bank account of a connection fills. Matched by the IBAN's
    blind index: the bank's own account ids change daily."""

    __tablename__ = "bank_connection_accounts"
    __blind_indexed__ = ("iban_index",)
    __table_args__ = (UniqueConstraint("connection_id", "iban_index"),)

    connection_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("bank_connections.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    iban_index: Mapped[bytes] = mapped_column(Digest())
    last_booked_on: Mapped[date | None] = mapped_column(Date)
    last_synced_at: Mapped[datetime | None]

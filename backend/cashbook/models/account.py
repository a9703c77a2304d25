import uuid
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.kit.types import Digest
from cashbook.models.base import Base, IdMixin, TimestampMixin


class AccountKind(StrEnum):
    bank = "bank"
    cash = "cash"
    card = "card"
    savings = "savings"


class Account(IdMixin, TimestampMixin, Base):
    """A place money is kept. The IBAN and account number are encrypted; `iban_index` finds an
    account by IBAN."""

    __tablename__ = "accounts"
    __encrypted__ = ("iban", "number")
    __blind_indexed__ = ("iban_index",)

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10), default=AccountKind.bank)
    currency: Mapped[str] = mapped_column(String(3))
    iban: Mapped[bytes | None] = mapped_column(LargeBinary)
    iban_index: Mapped[bytes | None] = mapped_column(Digest(), index=True)
    # An account number that is not an IBAN (an OFX ACCTID such as 9100), encrypted.
    number: Mapped[bytes | None] = mapped_column(LargeBinary)
    opening_balance: Mapped[int] = mapped_column(BigInteger, default=0)
    archived: Mapped[bool] = mapped_column(default=False)

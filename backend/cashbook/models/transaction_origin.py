import uuid

from sqlalchemy import ForeignKey, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.kit.types import Digest
from cashbook.models.base import Base, TimestampMixin


class TransactionOrigin(TimestampMixin, Base):
    """Where a transaction came from (a bank connection or an import) and what the source
    said beyond the ledger's columns: payment symbols and exchange rate (`details`, JSON) and
    the raw entry, both encrypted. `digest` (an HMAC of the record) tells whether a re-sync
    brings anything new. `id` is the transaction's id."""

    __tablename__ = "transaction_origins"
    __encrypted__ = ("details", "raw")
    __blind_indexed__ = ("digest",)

    id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("transactions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(index=True)
    connection_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("bank_connections.id", ondelete="SET NULL"), index=True
    )
    import_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("imports.id", ondelete="SET NULL"), index=True
    )
    pending: Mapped[bool] = mapped_column(default=False)
    digest: Mapped[bytes] = mapped_column(Digest())
    details: Mapped[bytes | None] = mapped_column(LargeBinary)
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)

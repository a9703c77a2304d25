import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, utcnow


class VersionKind(StrEnum):
    create = "create"
    edit = "edit"
    categorise = "categorise"
    tag = "tag"
    transfer = "transfer"
    update = "update"  # the bank or an import changed what it said about the transaction
    delete = "delete"
    restore = "restore"
    purge = "purge"  # the deleted transaction's row was removed for good
    undo = "undo"  # a batch was undone


class ActorKind(StrEnum):
    person = "person"
    admin = "admin"  # an administrator acting as the person
    bank = "bank"
    import_ = "import"
    rule = "rule"
    system = "system"  # the demo, a scheduled job


class TransactionVersion(IdMixin, Base):
    """One change of one transaction. Append-only: no code path updates or deletes a row
    (deleting the user removes theirs). It outlives the transaction, so there is no foreign key
    to it. Only the changed fields are kept, old and new: the plain ones as JSON in `changes`,
    those the transaction keeps encrypted as encrypted JSON in `sealed` (same keys, rotated with
    them)."""

    __tablename__ = "transaction_versions"
    __encrypted__ = ("sealed",)
    __table_args__ = (
        UniqueConstraint("transaction_id", "version"),
        Index("ix_transaction_versions_user_batch", "user_id", "batch_id"),
    )

    transaction_id: Mapped[uuid.UUID] = mapped_column()
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    changes: Mapped[str] = mapped_column(Text)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    actor: Mapped[str] = mapped_column(String(10))
    # The administrator, connection, import or rule behind the change; the person's own id.
    actor_id: Mapped[uuid.UUID | None] = mapped_column()
    batch_id: Mapped[uuid.UUID] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

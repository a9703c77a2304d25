import uuid
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column, with_loader_criteria

from cashbook.kit.types import Digest
from cashbook.models.base import Base, IdMixin, TimestampMixin


class TransactionSource(StrEnum):
    manual = "manual"
    bank = "bank"
    import_ = "import"


class Transaction(IdMixin, TimestampMixin, Base):
    """One movement of money: `amount` in signed minor units, negative = money out.

    Amounts, dates, currencies and ids are plain so SQL can filter and aggregate; the texts
    that identify people are encrypted (`kit/encryption.py`). `user_id` repeats the account's
    owner so every listing is one indexed range on (user, date).
    """

    __tablename__ = "transactions"
    # `external_id` is encrypted too, but only the ledger reads it.
    __encrypted__ = (
        "description",
        "counterparty_name",
        "counterparty_account",
        "note",
        "external_id",
        "display_name",
    )
    __blind_indexed__ = ("external_id_index",)
    __table_args__ = (
        UniqueConstraint("account_id", "external_id_index"),
        Index("ix_transactions_user_booked", "user_id", "booked_on", "id"),
        Index("ix_transactions_user_amount", "user_id", "amount", "id"),
        Index("ix_transactions_account_booked", "account_id", "booked_on", "id"),
        Index("ix_transactions_category_booked", "category_id", "booked_on"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    booked_on: Mapped[date] = mapped_column(Date)
    value_on: Mapped[date | None] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    original_amount: Mapped[int | None] = mapped_column(BigInteger)
    original_currency: Mapped[str | None] = mapped_column(String(3))
    description: Mapped[bytes | None] = mapped_column(LargeBinary)
    counterparty_name: Mapped[bytes | None] = mapped_column(LargeBinary)
    counterparty_account: Mapped[bytes | None] = mapped_column(LargeBinary)
    note: Mapped[bytes | None] = mapped_column(LargeBinary)
    category_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL")
    )
    source: Mapped[str] = mapped_column(String(10), default=TransactionSource.manual)
    external_id: Mapped[bytes | None] = mapped_column(LargeBinary)
    external_id_index: Mapped[bytes | None] = mapped_column(Digest())
    # What the person (or a rule) calls the transaction instead of its description.
    display_name: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The first rule, in order, that set something on the transaction when it was stored.
    rule_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rules.id", ondelete="SET NULL"))
    # The two sides of a transfer between the person's own accounts share this id.
    transfer_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    # Deleted transactions stay restorable for `RESTORABLE_FOR`, then are purged.
    deleted_at: Mapped[datetime | None] = mapped_column(index=True)


RESTORABLE_FOR = timedelta(days=30)
# The execution option with which a query sees deleted transactions too (restore, purge, the
# ledger's de-duplication, key rotation).
INCLUDE_DELETED = "include_deleted"


@event.listens_for(Session, "do_orm_execute")
def _live_transactions_only(state: ORMExecuteState) -> None:
    """Every ORM query reads live transactions only: one place, so no list, report, balance,
    budget or export can forget a deleted transaction."""
    if (
        state.is_select
        and not state.is_column_load
        and not state.is_relationship_load
        and not state.execution_options.get(INCLUDE_DELETED, False)
    ):
        state.statement = state.statement.options(
            with_loader_criteria(
                Transaction, lambda cls: cls.deleted_at.is_(None), include_aliases=True
            )
        )

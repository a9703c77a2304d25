import uuid

from sqlalchemy import ForeignKey, LargeBinary, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin


class RuleRunChange(IdMixin, Base):
    """What a transaction had before a rule run changed it, so the run can be undone."""

    __tablename__ = "rule_run_changes"
    __encrypted__ = ("previous_display_name",)
    __table_args__ = (UniqueConstraint("run_id", "transaction_id"),)

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rule_runs.id", ondelete="CASCADE"))
    transaction_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("transactions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    previous_category_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL")
    )
    # The rule the transaction named; it may be deleted meanwhile, so no foreign key.
    previous_rule_id: Mapped[uuid.UUID | None]
    previous_display_name: Mapped[bytes | None] = mapped_column(LargeBinary)
    added_tag_ids: Mapped[str | None] = mapped_column(Text)  # JSON list of ids the run added

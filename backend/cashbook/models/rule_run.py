import uuid
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, TimestampMixin


class RuleRunStatus(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    undoing = "undoing"
    undone = "undone"
    failed = "failed"


class RuleRun(IdMixin, TimestampMixin, Base):
    """One "apply this rule to existing transactions", done by the worker, and its undo: what
    each changed transaction had before is kept in `rule_run_changes`."""

    __tablename__ = "rule_runs"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    rule_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rules.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default=RuleRunStatus.queued)
    total: Mapped[int] = mapped_column(Integer, default=0)
    processed: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, utcnow


class SyncStatus(StrEnum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    retrying = "retrying"  # a transient failure; the job runs again later
    failed = "failed"
    reauth_required = "reauth_required"
    skipped = "skipped"  # another sync of the connection was running


class SyncTrigger(StrEnum):
    connect = "connect"
    manual = "manual"
    schedule = "schedule"


class BankSyncRun(IdMixin, Base):
    """One sync of a connection: what it fetched and stored, how long it took, why it failed."""

    __tablename__ = "bank_sync_runs"
    __table_args__ = (Index("ix_bank_sync_runs_connection_queued", "connection_id", "queued_at"),)

    connection_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("bank_connections.id", ondelete="CASCADE")
    )
    trigger: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default=SyncStatus.queued)
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    fetched: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    error_code: Mapped[str | None] = mapped_column(String(50))
    error: Mapped[str | None] = mapped_column(String(500))

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, utcnow


class CronRun(Base):
    """One run of a periodic job for one time slot. The unique (job, slot) pair is what makes
    a second trigger of the same slot (the cluster's CronJob and beat, or a retry) a no-op."""

    __tablename__ = "cron_runs"
    __table_args__ = (UniqueConstraint("job", "slot"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    job: Mapped[str] = mapped_column(String(40))
    slot: Mapped[str] = mapped_column(String(32))
    # pending → done, or failed (a later trigger of the same slot tries a failed run again)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    summary: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()

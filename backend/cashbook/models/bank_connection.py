import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.kit.types import Digest
from cashbook.models.base import Base, IdMixin, TimestampMixin


class ConnectionStatus(StrEnum):
    pending = "pending"  # the person is at the bank, giving consent
    active = "active"
    reauth_required = "reauth_required"  # the consent expired or was revoked
    failed = "failed"  # the authorisation was refused or never finished


class BankConnection(IdMixin, TimestampMixin, Base):
    """A person's consent at a bank. Tokens and the PKCE verifier are encrypted; the OAuth
    state is found by its blind index only."""

    __tablename__ = "bank_connections"
    __encrypted__ = ("code_verifier", "access_token", "refresh_token")
    __blind_indexed__ = ("state_index",)

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    provider: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=ConnectionStatus.pending)
    state_index: Mapped[bytes | None] = mapped_column(Digest(), unique=True)
    code_verifier: Mapped[bytes | None] = mapped_column(LargeBinary)
    flow_expires_at: Mapped[datetime | None]
    access_token: Mapped[bytes | None] = mapped_column(LargeBinary)
    access_expires_at: Mapped[datetime | None]
    refresh_token: Mapped[bytes | None] = mapped_column(LargeBinary)
    consented_at: Mapped[datetime | None]
    sync_interval_seconds: Mapped[int] = mapped_column(Integer)
    next_sync_at: Mapped[datetime | None] = mapped_column(index=True)
    sync_claimed_at: Mapped[datetime | None]
    last_sync_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error_code: Mapped[str | None] = mapped_column(String(50))
    last_error: Mapped[str | None] = mapped_column(String(500))
    reauth_notified_at: Mapped[datetime | None]

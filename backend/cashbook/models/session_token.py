import base64
import hashlib
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, utcnow


class SessionToken(Base):
    """A browser session: the cookie holds a random token and the row only its digest
    (`SessionToken.digest`), so a copy of the database signs nobody in. Deleting the row signs
    the browser out."""

    __tablename__ = "session_tokens"

    token: Mapped[str] = mapped_column(String(43), primary_key=True)  # the digest
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    @staticmethod
    def digest(token: str) -> str:
        """What is stored for a cookie's token: SHA-256, base64url (43 characters, as the
        token itself). The token is random, so no salt or slow hash is needed."""
        raw = hashlib.sha256(token.encode()).digest()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, IdMixin, utcnow


class OAuthIdentity(IdMixin, Base):
    """A person's account at an OpenID provider, linked to a Cashbook user.

    The identity is the pair (issuer, subject) from a verified ID token, never an email address.
    The provider's access and refresh tokens are not kept: Cashbook does not call the provider
    after sign-in (docs/security.md).
    """

    __tablename__ = "oauth_identities"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # The route name the identity was linked through (mojeid, bankid, OIDC_NAME), for display.
    provider: Mapped[str] = mapped_column(String(32))
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)

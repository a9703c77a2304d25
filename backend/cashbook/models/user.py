from datetime import datetime

from fastapi_users_db_sqlalchemy import SQLAlchemyBaseUserTableUUID
from sqlalchemy import BigInteger, LargeBinary, String, false, true
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, utcnow


class User(SQLAlchemyBaseUserTableUUID, Base):
    __tablename__ = "users"
    __encrypted__ = ("totp_secret",)
    __owner__ = "id"

    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    base_currency: Mapped[str] = mapped_column(String(3), default="CZK")
    # Of the emails and the default category names (`cashbook.kit.language`); the web app
    # sends the one it shows at sign-up, and Settings changes it.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # False for an account created by signing in with an OpenID provider, until its person sets
    # a password (reset by email): such an account keeps at least one linked identity.
    has_password: Mapped[bool] = mapped_column(default=True, server_default=true())
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)
    # Two-factor sign-in (cashbook.two_factor): the TOTP secret is encrypted like every other
    # secret; it is set when setup starts and counts only once `totp_enabled` (after the person
    # confirmed a code). `totp_last_step` is the last time step accepted, so a code is used once.
    totp_secret: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    totp_enabled: Mapped[bool] = mapped_column(default=False, server_default=false())
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, default=None)

    @property
    def role(self) -> str:
        """Two roles: an administrator is fastapi-users' superuser."""
        return "admin" if self.is_superuser else "user"

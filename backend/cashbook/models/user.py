from datetime import datetime

from fastapi_users_db_sqlalchemy import SQLAlchemyBaseUserTableUUID
from sqlalchemy import String, true
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, utcnow


class User(SQLAlchemyBaseUserTableUUID, Base):
    __tablename__ = "users"

    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    base_currency: Mapped[str] = mapped_column(String(3), default="CZK")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # False for an account created by signing in with an OpenID provider, until its person sets
    # a password (reset by email): such an account keeps at least one linked identity.
    has_password: Mapped[bool] = mapped_column(default=True, server_default=true())

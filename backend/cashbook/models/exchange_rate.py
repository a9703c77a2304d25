from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cashbook.models.base import Base, utcnow


class ExchangeRate(Base):
    """How many units of `quote` one unit of `base` bought on `on_date` (a daily snapshot).

    The rate is kept as decimal text: exact on every database, and only Python does arithmetic
    with it (money is never a float)."""

    __tablename__ = "exchange_rates"
    __table_args__ = (UniqueConstraint("base", "quote", "on_date"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    on_date: Mapped[date] = mapped_column(Date, index=True)
    base: Mapped[str] = mapped_column(String(3))
    quote: Mapped[str] = mapped_column(String(3))
    rate: Mapped[str] = mapped_column(String(40))
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)

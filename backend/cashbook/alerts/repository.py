import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.dialects import mysql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.kit.repository import OwnedRepository
from cashbook.models import AlertPreference, BankConnection, Notification, Transaction, User
from cashbook.models.bank_connection import ConnectionStatus


class NotificationRepository(OwnedRepository[Notification]):
    model = Notification

    async def add_once(self, values: dict) -> uuid.UUID | None:
        """Insert unless its (user, kind, subject, period) fired already; the new id or None.
        The unique key decides, so concurrent checks cannot both fire."""
        row_id = uuid.uuid4()
        dialect = self.session.bind.dialect.name
        if dialect == "sqlite":
            statement = sqlite.insert(Notification).on_conflict_do_nothing()
        elif dialect in ("mysql", "mariadb"):
            statement = mysql.insert(Notification).prefix_with("IGNORE")
        else:
            statement = insert(Notification)
        result = await self.session.execute(statement.values(id=row_id, **values))
        return row_id if result.rowcount == 1 else None

    async def fired(self, user_id: uuid.UUID, kind: str, subject: str, period: str) -> bool:
        statement = select(func.count()).where(
            Notification.user_id == user_id,
            Notification.kind == kind,
            Notification.subject == subject,
            Notification.period == period,
        )
        return (await self.session.execute(statement)).scalar_one() > 0

    async def visible(
        self, user_id: uuid.UUID, *, unread: bool, limit: int
    ) -> Sequence[Notification]:
        statement = self.owned(user_id).where(Notification.in_app.is_(True))
        if unread:
            statement = statement.where(Notification.read_at.is_(None))
        statement = statement.order_by(Notification.created_at.desc(), Notification.id).limit(limit)
        return (await self.session.execute(statement)).scalars().all()

    async def unread_count(self, user_id: uuid.UUID) -> int:
        statement = select(func.count()).where(
            Notification.user_id == user_id,
            Notification.in_app.is_(True),
            Notification.read_at.is_(None),
        )
        return (await self.session.execute(statement)).scalar_one()

    async def mark_read(
        self, user_id: uuid.UUID, ids: set[uuid.UUID] | None, now: datetime
    ) -> None:
        statement = update(Notification).where(
            Notification.user_id == user_id, Notification.read_at.is_(None)
        )
        if ids is not None:
            statement = statement.where(Notification.id.in_(ids))
        await self.session.execute(statement.values(read_at=now))


class PreferenceRepository(OwnedRepository[AlertPreference]):
    model = AlertPreference

    async def of_kind(self, user_id: uuid.UUID, kind: str) -> AlertPreference | None:
        statement = self.owned(user_id).where(AlertPreference.kind == kind)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def chosen_by(self, kind: str, after: uuid.UUID | None, limit: int) -> Sequence[User]:
        """People who switched `kind` on (in-app or email), by id after `after`."""
        statement = (
            select(User)
            .join(AlertPreference, AlertPreference.user_id == User.id)
            .where(
                AlertPreference.kind == kind,
                or_(AlertPreference.in_app.is_(True), AlertPreference.email.is_(True)),
            )
            .order_by(User.id)
            .limit(limit)
        )
        if after is not None:
            statement = statement.where(User.id > after)
        return (await self.session.execute(statement)).scalars().all()


async def large_expenses(
    session: AsyncSession, user_id: uuid.UUID, currency: str, threshold: int, since: datetime
) -> Sequence[Transaction]:
    """Expenses above `threshold` stored since `since` (what a check may not have seen)."""
    statement = select(Transaction).where(
        Transaction.user_id == user_id,
        Transaction.currency == currency,
        Transaction.amount <= -threshold,
        Transaction.created_at >= since,
    )
    return (await session.execute(statement)).scalars().all()


async def consents_ending(
    session: AsyncSession, user_id: uuid.UUID, given_before: datetime
) -> Sequence[BankConnection]:
    """The person's active bank connections whose consent was given before `given_before`."""
    statement = select(BankConnection).where(
        BankConnection.user_id == user_id,
        BankConnection.status == ConnectionStatus.active,
        BankConnection.consented_at < given_before,
    )
    return (await session.execute(statement)).scalars().all()

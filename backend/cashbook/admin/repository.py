"""Every query of the administration: the user list (never a balance or a transaction),
impersonations and their append-only audit log."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from cashbook.models import Account, AuditEntry, Impersonation, User


class AdminUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list_with_account_counts(self, *, limit: int, offset: int) -> list[tuple[User, int]]:
        accounts = (
            select(Account.user_id, func.count().label("count"))
            .group_by(Account.user_id)
            .subquery()
        )
        statement = (
            select(User, func.coalesce(accounts.c.count, 0))
            .outerjoin(accounts, accounts.c.user_id == User.id)
            .order_by(User.created_at, User.id)
            .limit(limit)
            .offset(offset)
        )
        return [(user, count) for user, count in (await self.session.execute(statement)).all()]

    async def count_accounts(self, user_id: uuid.UUID) -> int:
        statement = select(func.count()).where(Account.user_id == user_id)
        return (await self.session.execute(statement)).scalar_one()


class ImpersonationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, **values: Any) -> Impersonation:
        impersonation = Impersonation(**values)
        self.session.add(impersonation)
        await self.session.flush()
        return impersonation

    async def get_open(self, impersonation_id: uuid.UUID, now: datetime) -> Impersonation | None:
        statement = select(Impersonation).where(
            Impersonation.id == impersonation_id,
            Impersonation.ended_at.is_(None),
            Impersonation.expires_at > now,
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def end(self, impersonation_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(Impersonation)
            .where(Impersonation.id == impersonation_id, Impersonation.ended_at.is_(None))
            .values(ended_at=now)
        )

    async def list_for_subject(self, subject_id: uuid.UUID, *, limit: int) -> list[Impersonation]:
        statement = (
            select(Impersonation)
            .where(Impersonation.subject_id == subject_id)
            .order_by(Impersonation.started_at.desc())
            .limit(limit)
        )
        return list((await self.session.execute(statement)).scalars())


class AuditRepository:
    """Appends and reads; there is deliberately no update or delete."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def append(self, entry: AuditEntry) -> None:
        self.session.add(entry)
        await self.session.flush()

    async def list(
        self, *, limit: int, offset: int, subject_id: uuid.UUID | None = None
    ) -> list[tuple[AuditEntry, Impersonation, str]]:
        """Entries newest first, each with its impersonation and the subject's email."""
        subject = aliased(User)
        statement = (
            select(AuditEntry, Impersonation, subject.email)
            .join(Impersonation, Impersonation.id == AuditEntry.impersonation_id)
            .join(subject, subject.id == Impersonation.subject_id)
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
            .limit(limit)
            .offset(offset)
        )
        if subject_id is not None:
            statement = statement.where(Impersonation.subject_id == subject_id)
        return [tuple(row) for row in (await self.session.execute(statement)).all()]  # type: ignore[misc]

"""Every query of bank connections, their accounts and their sync runs."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.kit.repository import OwnedRepository
from cashbook.models import Account, BankConnection, BankConnectionAccount, BankSyncRun
from cashbook.models.bank_connection import ConnectionStatus
from cashbook.models.bank_sync_run import SyncStatus


class ConnectionRepository(OwnedRepository[BankConnection]):
    model = BankConnection

    async def consents_given_before(self, moment: datetime) -> dict[str, int]:
        """Active connections of every user whose consent was given before a moment, by
        provider (for the consent-expiry gauge)."""
        statement = (
            select(BankConnection.provider, func.count())
            .where(
                BankConnection.status == ConnectionStatus.active,
                BankConnection.consented_at < moment,
            )
            .group_by(BankConnection.provider)
        )
        return {provider: count for provider, count in await self.session.execute(statement)}

    async def by_state(self, state_index: bytes) -> BankConnection | None:
        statement = select(BankConnection).where(BankConnection.state_index == state_index)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def claim(self, connection_id: uuid.UUID, now: datetime, stale_before: datetime) -> bool:
        """Take the connection for one sync; False while another sync holds it."""
        result = await self.session.execute(
            update(BankConnection)
            .where(
                BankConnection.id == connection_id,
                or_(
                    BankConnection.sync_claimed_at.is_(None),
                    BankConnection.sync_claimed_at < stale_before,
                ),
            )
            .values(sync_claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    async def save_tokens(self, connection_id: uuid.UUID, values: dict) -> None:
        await self.session.execute(
            update(BankConnection)
            .where(BankConnection.id == connection_id)
            .values(values)
            .execution_options(synchronize_session=False)
        )

    async def due(self, now: datetime, stale_before: datetime) -> Sequence[BankConnection]:
        """Active connections whose next sync is due and that no sync holds."""
        statement = select(BankConnection).where(
            BankConnection.status == ConnectionStatus.active,
            or_(BankConnection.next_sync_at.is_(None), BankConnection.next_sync_at <= now),
            or_(
                BankConnection.sync_claimed_at.is_(None),
                BankConnection.sync_claimed_at < stale_before,
            ),
        )
        return (await self.session.execute(statement)).scalars().all()


class LinkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of(self, connection_id: uuid.UUID) -> Sequence[BankConnectionAccount]:
        statement = select(BankConnectionAccount).where(
            BankConnectionAccount.connection_id == connection_id
        )
        return (await self.session.execute(statement)).scalars().all()

    async def with_accounts(
        self, connection_ids: list[uuid.UUID]
    ) -> Sequence[tuple[BankConnectionAccount, Account]]:
        if not connection_ids:
            return []
        statement = (
            select(BankConnectionAccount, Account)
            .join(Account, Account.id == BankConnectionAccount.account_id)
            .where(BankConnectionAccount.connection_id.in_(connection_ids))
            .order_by(Account.name, Account.id)
        )
        return [(link, account) for link, account in await self.session.execute(statement)]

    async def account_by_iban(self, user_id: uuid.UUID, iban_index: bytes) -> Account | None:
        """The person's own account with this IBAN (e.g. one they made to import statements
        into), so a bank connection fills it rather than a copy."""
        statement = (
            select(Account)
            .where(Account.user_id == user_id, Account.iban_index == iban_index)
            .order_by(Account.archived, Account.created_at)
            .limit(1)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def add(self, link: BankConnectionAccount) -> BankConnectionAccount:
        self.session.add(link)
        await self.session.flush()
        return link


class RunRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, run: BankSyncRun) -> BankSyncRun:
        self.session.add(run)
        await self.session.flush()
        return run

    async def get(self, run_id: uuid.UUID) -> BankSyncRun | None:
        return await self.session.get(BankSyncRun, run_id)

    async def of(self, connection_id: uuid.UUID, limit: int) -> Sequence[BankSyncRun]:
        statement = (
            select(BankSyncRun)
            .where(BankSyncRun.connection_id == connection_id)
            .order_by(BankSyncRun.queued_at.desc(), BankSyncRun.id.desc())
            .limit(limit)
        )
        return (await self.session.execute(statement)).scalars().all()

    async def latest(self, connection_ids: list[uuid.UUID]) -> dict[uuid.UUID, BankSyncRun]:
        found: dict[uuid.UUID, BankSyncRun] = {}
        for connection_id in connection_ids:
            runs = await self.of(connection_id, 1)
            if runs:
                found[connection_id] = runs[0]
        return found

    async def waiting(self, connection_id: uuid.UUID) -> BankSyncRun | None:
        """A run of the connection that is queued or running (or waiting for a retry)."""
        statement = (
            select(BankSyncRun)
            .where(
                BankSyncRun.connection_id == connection_id,
                BankSyncRun.status.in_(
                    (SyncStatus.queued, SyncStatus.running, SyncStatus.retrying)
                ),
            )
            .order_by(BankSyncRun.queued_at.desc())
            .limit(1)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

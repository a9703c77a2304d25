"""Every query of transfer matching and linking."""

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from sqlalchemy import select, update

from cashbook.kit.repository import OwnedRepository
from cashbook.models import Transaction

WINDOW = timedelta(days=3)


class TransferRepository(OwnedRepository[Transaction]):
    model = Transaction

    async def unlinked(self, user_id: uuid.UUID, ids: Iterable[uuid.UUID]) -> Sequence[Transaction]:
        statement = self.owned(user_id).where(
            Transaction.id.in_(list(ids)), Transaction.transfer_id.is_(None)
        )
        return (await self.session.scalars(statement.order_by(Transaction.id))).all()

    async def unlinked_since(self, account_id: uuid.UUID, since: date) -> list[uuid.UUID]:
        statement = select(Transaction.id).where(
            Transaction.account_id == account_id,
            Transaction.booked_on >= since,
            Transaction.transfer_id.is_(None),
        )
        return list((await self.session.scalars(statement)).all())

    async def opposites(self, row: Transaction) -> Sequence[Transaction]:
        """The same person's unlinked transactions in their other accounts with the opposite
        amount in the same currency, booked within three days, nearest first."""
        statement = self.owned(row.user_id).where(
            Transaction.account_id != row.account_id,
            Transaction.amount == -row.amount,
            Transaction.currency == row.currency,
            Transaction.booked_on.between(row.booked_on - WINDOW, row.booked_on + WINDOW),
            Transaction.transfer_id.is_(None),
        )
        found = (await self.session.scalars(statement.order_by(Transaction.id))).all()
        return sorted(found, key=lambda other: abs((other.booked_on - row.booked_on).days))

    async def link(self, rows: Sequence[Transaction], transfer_id: uuid.UUID | None) -> None:
        await self.session.execute(
            update(Transaction)
            .where(Transaction.id.in_([row.id for row in rows]))
            .values(transfer_id=transfer_id)
        )
        for row in rows:
            row.transfer_id = transfer_id
        await self.session.flush()

    async def sides(self, user_id: uuid.UUID, transfer_id: uuid.UUID) -> Sequence[Transaction]:
        statement = self.owned(user_id).where(Transaction.transfer_id == transfer_id)
        return (await self.session.scalars(statement)).all()

"""Every query of transfer matching and linking."""

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from sqlalchemy import select, update

from cashbook.kit.repository import OwnedRepository
from cashbook.models import Transaction

WINDOW = timedelta(days=3)
AMOUNTS_PER_QUERY = 500


class TransferRepository(OwnedRepository[Transaction]):
    model = Transaction

    async def unlinked(self, user_id: uuid.UUID, ids: Iterable[uuid.UUID]) -> Sequence[Transaction]:
        statement = self.owned(user_id).where(
            Transaction.id.in_(list(ids)), Transaction.transfer_id.is_(None)
        )
        return (await self.session.scalars(statement.order_by(Transaction.id))).all()

    async def unlinked_since(
        self, account_id: uuid.UUID, since: date, amounts: Iterable[int]
    ) -> list[Transaction]:
        """The account's unlinked transactions since a day with one of these amounts (a few
        hundred amounts a query), in the order of their ids."""
        ordered, found = sorted(set(amounts)), []
        for start in range(0, len(ordered), AMOUNTS_PER_QUERY):
            statement = select(Transaction).where(
                Transaction.account_id == account_id,
                Transaction.booked_on >= since,
                Transaction.transfer_id.is_(None),
                Transaction.amount.in_(ordered[start : start + AMOUNTS_PER_QUERY]),
            )
            found += (await self.session.scalars(statement)).all()
        return sorted(found, key=lambda row: row.id)

    async def candidates(
        self,
        user_id: uuid.UUID,
        first: date,
        last: date | None = None,
        excluded: uuid.UUID | None = None,
    ) -> Sequence[Transaction]:
        """The person's unlinked transactions that could be the other side of a transfer
        booked from `first` to `last` (or later): within three days of those, outside the
        `excluded` account, in the order of their ids."""
        statement = self.owned(user_id).where(
            Transaction.booked_on >= first - WINDOW, Transaction.transfer_id.is_(None)
        )
        if last is not None:
            statement = statement.where(Transaction.booked_on <= last + WINDOW)
        if excluded is not None:
            statement = statement.where(Transaction.account_id != excluded)
        return (await self.session.scalars(statement.order_by(Transaction.id))).all()

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

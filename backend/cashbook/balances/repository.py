import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import false, func, select

from cashbook.kit.repository import OwnedRepository
from cashbook.models import BalanceCheck, Transaction, TransactionOrigin


class BalanceCheckRepository(OwnedRepository[BalanceCheck]):
    model = BalanceCheck

    async def moved_until(self, account_id: uuid.UUID, on: date, *, booked_only: bool) -> int:
        """What the account's transactions booked on or before `on` add up to; with
        `booked_only`, pending card payments are left out."""
        statement = select(func.coalesce(func.sum(Transaction.amount), 0)).where(
            Transaction.account_id == account_id, Transaction.booked_on <= on
        )
        if booked_only:
            statement = statement.outerjoin(
                TransactionOrigin, TransactionOrigin.id == Transaction.id
            ).where(func.coalesce(TransactionOrigin.pending, false()) == false())
        return int((await self.session.execute(statement)).scalar_one())

    async def latest(self, user_id: uuid.UUID) -> Sequence[BalanceCheck]:
        """Each of the person's accounts' newest check (accounts never checked are absent)."""
        newest = (
            select(BalanceCheck.account_id, func.max(BalanceCheck.checked_on).label("on"))
            .where(BalanceCheck.user_id == user_id)
            .group_by(BalanceCheck.account_id)
            .subquery()
        )
        statement = (
            select(BalanceCheck)
            .join(
                newest,
                (newest.c.account_id == BalanceCheck.account_id)
                & (newest.c.on == BalanceCheck.checked_on),
            )
            .order_by(BalanceCheck.created_at)
        )
        # Several checks of one day: the last one written wins.
        return list({c.account_id: c for c in (await self.session.scalars(statement))}.values())

    async def of_day(self, account_id: uuid.UUID, on: date, source: str) -> BalanceCheck | None:
        statement = select(BalanceCheck).where(
            BalanceCheck.account_id == account_id,
            BalanceCheck.checked_on == on,
            BalanceCheck.source == source,
            BalanceCheck.import_id.is_(None),
        )
        return (await self.session.scalars(statement)).first()

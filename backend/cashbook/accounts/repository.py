import uuid

from sqlalchemy import exists, func, select

from cashbook.kit.repository import OwnedRepository
from cashbook.models import Account, Transaction


class AccountRepository(OwnedRepository[Account]):
    model = Account

    async def sums(self, user_id: uuid.UUID) -> dict[uuid.UUID, int]:
        """The sum of each account's transactions (accounts without any are absent)."""
        statement = (
            select(Transaction.account_id, func.sum(Transaction.amount))
            .where(Transaction.user_id == user_id)
            .group_by(Transaction.account_id)
        )
        return {
            account_id: int(total) for account_id, total in await self.session.execute(statement)
        }

    async def has_transactions(self, account_id: uuid.UUID) -> bool:
        statement = select(exists().where(Transaction.account_id == account_id))
        return bool((await self.session.execute(statement)).scalar())

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, select

from cashbook.kit.repository import OwnedRepository
from cashbook.models import (
    Budget,
    BudgetCategory,
    BudgetSplit,
    Category,
    Transaction,
    TransactionSpread,
)


class BudgetRepository(OwnedRepository[Budget]):
    model = Budget

    async def until(self, user_id: uuid.UUID, last: date) -> Sequence[Budget]:
        """The person's budgets of every month up to `last` (roll-over reaches back)."""
        statement = self.owned(user_id).where(Budget.month <= last).order_by(Budget.month)
        return (await self.session.execute(statement)).scalars().all()

    async def of_month(self, user_id: uuid.UUID, month: date) -> Sequence[Budget]:
        statement = self.owned(user_id).where(Budget.month == month)
        return (await self.session.execute(statement)).scalars().all()

    async def set(
        self, user_id: uuid.UUID, category_id: uuid.UUID, month: date, amount: int
    ) -> None:
        statement = self.owned(user_id).where(
            Budget.category_id == category_id, Budget.month == month
        )
        row = (await self.session.execute(statement)).scalar_one_or_none()
        if row is None:
            self.session.add(
                Budget(user_id=user_id, category_id=category_id, month=month, amount=amount)
            )
        else:
            row.amount = amount
        await self.session.flush()

    async def remove(self, user_id: uuid.UUID, category_id: uuid.UUID, month: date) -> None:
        await self.session.execute(
            delete(Budget).where(
                Budget.user_id == user_id, Budget.category_id == category_id, Budget.month == month
            )
        )


class BudgetCategoryRepository(OwnedRepository[BudgetCategory]):
    model = BudgetCategory

    async def of_category(self, user_id: uuid.UUID, category_id: uuid.UUID) -> BudgetCategory:
        statement = self.owned(user_id).where(BudgetCategory.category_id == category_id)
        row = (await self.session.execute(statement)).scalar_one_or_none()
        return row or await self.add(BudgetCategory(user_id=user_id, category_id=category_id))

    async def expense_categories(self, user_id: uuid.UUID) -> set[uuid.UUID]:
        statement = select(Category.id).where(
            Category.user_id == user_id, Category.kind == "expense"
        )
        return set((await self.session.execute(statement)).scalars().all())


class SplitRepository(OwnedRepository[BudgetSplit]):
    model = BudgetSplit

    async def of_user(self, user_id: uuid.UUID) -> BudgetSplit | None:
        return (await self.session.execute(self.owned(user_id))).scalar_one_or_none()


class SpreadRepository(OwnedRepository[TransactionSpread]):
    model = TransactionSpread

    async def owns_transaction(self, user_id: uuid.UUID, transaction_id: uuid.UUID) -> bool:
        statement = select(Transaction.id).where(
            Transaction.user_id == user_id, Transaction.id == transaction_id
        )
        return (await self.session.execute(statement)).first() is not None

    async def of_transaction(
        self, user_id: uuid.UUID, transaction_id: uuid.UUID
    ) -> TransactionSpread | None:
        statement = self.owned(user_id).where(TransactionSpread.transaction_id == transaction_id)
        return (await self.session.execute(statement)).scalar_one_or_none()

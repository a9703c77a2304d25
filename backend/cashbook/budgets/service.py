"""Budgets: a monthly amount per category, roll-over, copying, the group split and spreads.

Every figure of spending comes from `budgets.actuals.spending`.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Literal

from fastapi import status
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.budgets.actuals import spending
from cashbook.budgets.months import add_months, months_from
from cashbook.budgets.repository import (
    BudgetCategoryRepository,
    BudgetRepository,
    SplitRepository,
    SpreadRepository,
)
from cashbook.budgets.schemas import (
    BudgetCategoryUpdate,
    BudgetLine,
    BudgetMonth,
    GroupLine,
    SplitRead,
    SplitSet,
)
from cashbook.categories.service import category_service
from cashbook.config import Settings
from cashbook.kit.errors import CashbookError, NotFound
from cashbook.kit.money import to_minor, to_text
from cashbook.models import BudgetCategory, BudgetSplit, TransactionSpread, User
from cashbook.models.budget_category import BudgetGroup


class NegativeBudget(CashbookError):
    status_code = status.HTTP_422_UNPROCESSABLE_CONTENT
    code = "BUDGET_NEGATIVE"


class SplitNotHundred(CashbookError):
    status_code = status.HTTP_422_UNPROCESSABLE_CONTENT
    code = "BUDGET_SPLIT_NOT_100"


class TransactionNotFound(NotFound):
    code = "TRANSACTION_NOT_FOUND"


class SplitNotSet(NotFound):
    code = "BUDGET_SPLIT_NOT_SET"


@dataclass
class Line:
    """A category's month in minor units (what `BudgetLine` shows as text)."""

    category_id: uuid.UUID
    setting: BudgetCategory | None
    amount: int
    carried: int
    spent: int

    @property
    def available(self) -> int:
        return self.amount + self.carried

    @property
    def percent(self) -> int | None:
        return self.spent * 100 // self.available if self.available > 0 else None


class BudgetService:
    async def lines(
        self, session: AsyncSession, settings: Settings, user: User, month: date
    ) -> tuple[list[Line], list[str]]:
        """Each category budgeted, carrying something or spent in this month, and the
        currencies whose amounts had no rate (left out of spending)."""
        budgets = await BudgetRepository(session).until(user.id, month)
        choices = {
            row.category_id: row for row in await BudgetCategoryRepository(session).list(user.id)
        }
        amounts: dict[uuid.UUID, dict[date, int]] = defaultdict(dict)
        for row in budgets:
            amounts[row.category_id][row.month] = row.amount
        starts = {
            category_id: min(by_month)
            for category_id, by_month in amounts.items()
            if category_id in choices and choices[category_id].rollover
        }
        first = min([month, *starts.values()])
        actuals = await spending(session, settings, user, first, month)
        spent = actuals.spent
        expense = await BudgetCategoryRepository(session).expense_categories(user.id)
        shown = {c for c, by_month in amounts.items() if month in by_month} | set(starts)
        shown |= {c for (m, c), value in spent.items() if m == month and c in expense}
        lines = []
        for category_id in shown:
            carried = 0
            if category_id in starts:
                for earlier in months_from(starts[category_id], add_months(month, -1)):
                    available = amounts[category_id].get(earlier, 0) + carried
                    carried = available - spent.get((earlier, category_id), 0)
            line = Line(
                category_id,
                choices.get(category_id),
                amounts[category_id].get(month, 0),
                carried,
                spent.get((month, category_id), 0),
            )
            if line.amount or line.carried or line.spent:
                lines.append(line)
        return lines, actuals.unconverted

    async def month(
        self, session: AsyncSession, settings: Settings, user: User, month: date
    ) -> BudgetMonth:
        lines, unconverted = await self.lines(session, settings, user, month)
        split = await SplitRepository(session).of_user(user.id)
        currency = user.base_currency

        def text(value: int) -> str:
            return to_text(value, currency)

        items = [
            BudgetLine(
                category_id=line.category_id,
                group=line.setting.group if line.setting else None,
                rollover=bool(line.setting and line.setting.rollover),
                amount=text(line.amount),
                carried=text(line.carried),
                available=text(line.available),
                spent=text(line.spent),
                remaining=text(line.available - line.spent),
                percent=line.percent,
            )
            for line in lines
        ]
        items.sort(key=lambda item: str(item.category_id))
        groups = []
        for group in BudgetGroup:
            members = [line for line in lines if line.setting and line.setting.group == group]
            percent = getattr(split, group.value) if split else None
            groups.append(
                GroupLine(
                    group=group,
                    percent=percent,
                    planned=text(split.income * percent // 100) if split else None,
                    budgeted=text(sum(line.amount for line in members)),
                    spent=text(sum(line.spent for line in members)),
                )
            )
        available = sum(line.available for line in lines)
        spent = sum(line.spent for line in lines)
        return BudgetMonth(
            month=month.strftime("%Y-%m"),
            currency=currency,
            items=items,
            groups=groups,
            amount=text(sum(line.amount for line in lines)),
            available=text(available),
            spent=text(spent),
            remaining=text(available - spent),
            unconverted_currencies=unconverted,
        )

    async def set(
        self, session: AsyncSession, user: User, month: date, category_id: uuid.UUID, amount: str
    ) -> None:
        await category_service.get(session, user, category_id)
        minor = to_minor(amount, user.base_currency)
        if minor < 0:
            raise NegativeBudget("A budget is zero or more.")
        await BudgetRepository(session).set(user.id, category_id, month, minor)

    async def remove(
        self, session: AsyncSession, user: User, month: date, category_id: uuid.UUID
    ) -> None:
        await category_service.get(session, user, category_id)
        await BudgetRepository(session).remove(user.id, category_id, month)

    async def copy(
        self,
        session: AsyncSession,
        settings: Settings,
        user: User,
        month: date,
        source: Literal["previous", "average"],
    ) -> None:
        """Set this month's budgets from the previous month's, or from each category's
        average spending over the three months before (rounded half up); categories with
        nothing to copy keep what they have."""
        repository = BudgetRepository(session)
        previous = add_months(month, -1)
        if source == "previous":
            values = {
                row.category_id: row.amount for row in await repository.of_month(user.id, previous)
            }
        else:
            totals: dict[uuid.UUID, int] = defaultdict(int)
            for (_, category_id), value in (
                await spending(session, settings, user, add_months(month, -3), previous)
            ).spent.items():
                totals[category_id] += value
            expense = await BudgetCategoryRepository(session).expense_categories(user.id)
            values = {
                category_id: (2 * total + 3) // 6
                for category_id, total in totals.items()
                if total > 0 and category_id in expense
            }
        for category_id, amount in values.items():
            await repository.set(user.id, category_id, month, amount)

    async def categories(self, session: AsyncSession, user: User) -> list[BudgetCategory]:
        return list(await BudgetCategoryRepository(session).list(user.id))

    async def set_category(
        self,
        session: AsyncSession,
        user: User,
        category_id: uuid.UUID,
        changes: BudgetCategoryUpdate,
    ) -> BudgetCategory:
        await category_service.get(session, user, category_id)
        row = await BudgetCategoryRepository(session).of_category(user.id, category_id)
        row.group, row.rollover = changes.group, changes.rollover
        await session.flush()
        return row

    def _split(self, user: User, row: BudgetSplit) -> SplitRead:
        return SplitRead(
            currency=user.base_currency,
            income=to_text(row.income, user.base_currency),
            essentials=row.essentials,
            desires=row.desires,
            savings=row.savings,
        )

    async def split(self, session: AsyncSession, user: User) -> SplitRead:
        row = await SplitRepository(session).of_user(user.id)
        if row is None:
            raise SplitNotSet("No split is set.")
        return self._split(user, row)

    async def set_split(self, session: AsyncSession, user: User, data: SplitSet) -> SplitRead:
        if data.essentials + data.desires + data.savings != 100:
            raise SplitNotHundred("Essentials, desires and savings must sum to 100 %.")
        income = to_minor(data.income, user.base_currency)
        if income < 0:
            raise NegativeBudget("The income is zero or more.")
        repository = SplitRepository(session)
        row = await repository.of_user(user.id) or BudgetSplit(user_id=user.id)
        row.income, row.essentials = income, data.essentials
        row.desires, row.savings = data.desires, data.savings
        await repository.add(row)
        return self._split(user, row)

    async def set_spread(
        self, session: AsyncSession, user: User, transaction_id: uuid.UUID, months: int
    ) -> TransactionSpread:
        repository = SpreadRepository(session)
        if not await repository.owns_transaction(user.id, transaction_id):
            raise TransactionNotFound("No such transaction.")
        row = await repository.of_transaction(user.id, transaction_id) or TransactionSpread(
            user_id=user.id, transaction_id=transaction_id
        )
        row.months = months
        return await repository.add(row)

    async def remove_spread(
        self, session: AsyncSession, user: User, transaction_id: uuid.UUID
    ) -> None:
        repository = SpreadRepository(session)
        row = await repository.of_transaction(user.id, transaction_id)
        if row is None:
            raise TransactionNotFound("This transaction is not spread.")
        await repository.delete(row)


budget_service = BudgetService()

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, status

from cashbook.auth.backends import CurrentUser
from cashbook.budgets.months import parse_month
from cashbook.budgets.schemas import (
    BudgetCategoryRead,
    BudgetCategoryUpdate,
    BudgetCopy,
    BudgetMonth,
    BudgetSet,
    MonthText,
    SplitRead,
    SplitSet,
    SpreadRead,
    SpreadSet,
)
from cashbook.budgets.service import (
    NegativeBudget,
    SplitNotHundred,
    SplitNotSet,
    TransactionNotFound,
    budget_service,
)
from cashbook.categories.service import CategoryNotFound
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.kit.openapi import raises
from cashbook.models import BudgetCategory, TransactionSpread

router = APIRouter(prefix="/budgets", tags=["budgets"])


def month_param(month: MonthText) -> date:
    return parse_month(month)


MonthDep = Annotated[date, Depends(month_param)]


@router.get("/months/{month}", operation_id="budgets:month", response_model=BudgetMonth)
async def get_month(
    month: MonthDep, session: SessionDep, settings: SettingsDep, user: CurrentUser
) -> BudgetMonth:
    """Budget vs actual per category, per group and in total for a month (YYYY-MM)."""
    return await budget_service.month(session, settings, user, month)


@router.put(
    "/months/{month}/categories/{category_id}",
    operation_id="budgets:set",
    response_model=BudgetMonth,
    responses=raises(CategoryNotFound, NegativeBudget),
)
async def set_budget(
    month: MonthDep,
    category_id: uuid.UUID,
    data: BudgetSet,
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
) -> BudgetMonth:
    """Set a category's budget for a month; returns the month."""
    await budget_service.set(session, user, month, category_id, data.amount)
    return await budget_service.month(session, settings, user, month)


@router.delete(
    "/months/{month}/categories/{category_id}",
    operation_id="budgets:remove",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=raises(CategoryNotFound),
)
async def remove_budget(
    month: MonthDep, category_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> None:
    """Remove a category's budget for a month."""
    await budget_service.remove(session, user, month, category_id)


@router.post("/months/{month}/copy", operation_id="budgets:copy", response_model=BudgetMonth)
async def copy_month(
    month: MonthDep,
    data: BudgetCopy,
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
) -> BudgetMonth:
    """Fill a month from the previous month's budgets or the 3-month average spending."""
    await budget_service.copy(session, settings, user, month, data.source)
    return await budget_service.month(session, settings, user, month)


@router.get(
    "/categories", operation_id="budgets:categories", response_model=list[BudgetCategoryRead]
)
async def list_categories(session: SessionDep, user: CurrentUser) -> list[BudgetCategory]:
    """How each category is budgeted: its group and roll-over."""
    return await budget_service.categories(session, user)


@router.put(
    "/categories/{category_id}",
    operation_id="budgets:set_category",
    response_model=BudgetCategoryRead,
    responses=raises(CategoryNotFound),
)
async def set_category(
    category_id: uuid.UUID, data: BudgetCategoryUpdate, session: SessionDep, user: CurrentUser
) -> BudgetCategory:
    """Put a category in a group and switch its roll-over on or off."""
    return await budget_service.set_category(session, user, category_id, data)


@router.get(
    "/split", operation_id="budgets:split", response_model=SplitRead, responses=raises(SplitNotSet)
)
async def get_split(session: SessionDep, user: CurrentUser) -> SplitRead:
    """The monthly essentials / desires / savings split."""
    return await budget_service.split(session, user)


@router.put(
    "/split",
    operation_id="budgets:set_split",
    response_model=SplitRead,
    responses=raises(SplitNotHundred, NegativeBudget),
)
async def set_split(data: SplitSet, session: SessionDep, user: CurrentUser) -> SplitRead:
    """Set the monthly income and its split (the percentages sum to 100)."""
    return await budget_service.set_split(session, user, data)


@router.put(
    "/spreads/{transaction_id}",
    operation_id="budgets:set_spread",
    response_model=SpreadRead,
    responses=raises(TransactionNotFound),
)
async def set_spread(
    transaction_id: uuid.UUID, data: SpreadSet, session: SessionDep, user: CurrentUser
) -> TransactionSpread:
    """Spread an expense over several months in budgets (pro-rata)."""
    return await budget_service.set_spread(session, user, transaction_id, data.months)


@router.delete(
    "/spreads/{transaction_id}",
    operation_id="budgets:remove_spread",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=raises(TransactionNotFound),
)
async def remove_spread(transaction_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> None:
    """Count an expense in its booking month again."""
    await budget_service.remove_spread(session, user, transaction_id)

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from cashbook.auth.backends import CurrentUser
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.kit.money import CurrencyCode
from cashbook.kit.schemas import IsoDate
from cashbook.reports.repository import Period
from cashbook.reports.schemas import BalanceReport, ByCategoryReport, ByMonthReport, SummaryReport
from cashbook.reports.service import report_service

router = APIRouter(prefix="/reports", tags=["reports"])


async def period(
    user: CurrentUser,
    date_from: IsoDate | None = None,
    date_to: IsoDate | None = None,
    account_id: Annotated[list[uuid.UUID], Query()] = [],  # noqa: B006 - FastAPI copies it
    currency: Annotated[
        CurrencyCode | None, Query(description="Report in this currency (default: your base).")
    ] = None,
) -> Period:
    return Period(user.id, date_from, date_to, list(account_id), currency or user.base_currency)


PeriodDep = Annotated[Period, Depends(period)]


@router.get("/summary", operation_id="reports:summary", response_model=SummaryReport)
async def summary(session: SessionDep, settings: SettingsDep, period: PeriodDep) -> SummaryReport:
    """Income, expense and net for a period."""
    return await report_service.summary(session, settings, period)


@router.get("/by-category", operation_id="reports:by_category", response_model=ByCategoryReport)
async def by_category(
    session: SessionDep, settings: SettingsDep, period: PeriodDep
) -> ByCategoryReport:
    """Income and spending per category for a period, biggest spending first."""
    return await report_service.by_category(session, settings, period)


@router.get("/by-month", operation_id="reports:by_month", response_model=ByMonthReport)
async def by_month(
    session: SessionDep,
    settings: SettingsDep,
    period: PeriodDep,
    split: Literal["none", "category"] = "none",
) -> ByMonthReport:
    """Income and expense per month (`split=category`: per month and category)."""
    return await report_service.by_month(session, settings, period, split)


@router.get("/balance", operation_id="reports:balance", response_model=BalanceReport)
async def balance(
    session: SessionDep,
    settings: SettingsDep,
    period: PeriodDep,
    interval: Literal["day", "month"] = "month",
) -> BalanceReport:
    """Balance over time per account and overall (default: the last 12 months)."""
    return await report_service.balance(session, settings, period, interval)

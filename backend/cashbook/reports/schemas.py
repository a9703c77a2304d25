import datetime
import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field


class Totals(BaseModel):
    currency: str
    income: str = Field(examples=["52000.00"], description="Sum of money in.")
    expense: str = Field(examples=["-31250.40"], description="Sum of money out (negative).")
    net: str = Field(examples=["20749.60"])
    count: int


class MissingRate(BaseModel):
    currency: str = Field(examples=["USD"])
    date: datetime.date = Field(
        description="The first day with amounts that had no rate on or before it."
    )


class Report(BaseModel):
    date_from: date | None
    date_to: date | None
    currency: str = Field(
        description="Every figure's currency: the one asked for, else your base currency."
    )
    unconverted_currencies: list[str] = Field(
        description="Currencies whose amounts (some or all) had no exchange rate into "
        "`currency` and are left out; `missing_rates` says from which day."
    )
    missing_rates: list[MissingRate] = Field(
        description="For each currency left out (in part), the first day it had no rate."
    )


class SummaryReport(Report):
    totals: list[Totals] = Field(description="One line, in `currency`; none without data.")


class CategoryLine(Totals):
    category_id: uuid.UUID | None = Field(description="null: uncategorised.")


class ByCategoryReport(Report):
    items: list[CategoryLine]


class MonthLine(Totals):
    month: str = Field(examples=["2026-03"])
    category_id: uuid.UUID | None = Field(
        None, description="With split=category: the category (null: uncategorised)."
    )


class ByMonthReport(Report):
    split: Literal["none", "category"]
    items: list[MonthLine]


class BalancePoint(BaseModel):
    date: date
    balance: str


class BalanceSeries(BaseModel):
    account_id: uuid.UUID | None = Field(description="null: every account together.")
    currency: str
    points: list[BalancePoint]


class BalanceReport(Report):
    interval: Literal["day", "month"]
    accounts: list[BalanceSeries]
    overall: list[BalanceSeries] = Field(
        description="The accounts added up in `currency` at the newest rates (one series)."
    )

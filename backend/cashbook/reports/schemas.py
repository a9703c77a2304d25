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


class Report(BaseModel):
    date_from: date | None
    date_to: date | None
    currency: str | None = Field(
        description="The currency asked for; null reports every currency on its own line."
    )
    unconverted_currencies: list[str] = Field(
        description="Currencies present in the period but left out because they could not be "
        "converted into `currency` (until exchange rates exist, every other currency)."
    )


class SummaryReport(Report):
    totals: list[Totals] = Field(description="One line per currency.")


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
    overall: list[BalanceSeries] = Field(description="The accounts added up, one per currency.")

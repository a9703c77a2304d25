import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from cashbook.kit.money import AmountText
from cashbook.models.budget_category import BudgetGroup

# YYYY-MM, from 1900 to 2999 like every date the API takes.
MonthText = Annotated[str, StringConstraints(pattern=r"^(19|2\d)\d{2}-(0[1-9]|1[0-2])$")]
Percent = Annotated[int, Field(ge=0, le=100)]


class BudgetSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: AmountText = Field(examples=["4500.00"], description="In the base currency, ≥ 0.")


class BudgetCopy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: Literal["previous", "average"] = Field(
        description="The previous month's budgets, or each category's average spending over the "
        "three months before."
    )


class BudgetLine(BaseModel):
    """One category in one month. `available` = `amount` + `carried` (what rolled over)."""

    category_id: uuid.UUID
    group: BudgetGroup | None
    rollover: bool
    amount: str
    carried: str
    available: str
    spent: str
    remaining: str
    percent: int | None = Field(description="Spent as a whole percentage of available.")


class GroupLine(BaseModel):
    group: BudgetGroup
    percent: int | None = Field(description="The group's share in the split, when one is set.")
    planned: str | None = Field(description="The split's share of the monthly income.")
    budgeted: str
    spent: str


class BudgetMonth(BaseModel):
    month: str
    currency: str
    items: list[BudgetLine]
    groups: list[GroupLine]
    amount: str
    available: str
    spent: str
    remaining: str
    unconverted_currencies: list[str] = Field(
        description="Currencies whose amounts (some or all) had no exchange rate into "
        "`currency` on their booking day and are not counted in `spent`."
    )


class BudgetCategoryUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    group: BudgetGroup | None = None
    rollover: bool = False


class BudgetCategoryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    category_id: uuid.UUID
    group: BudgetGroup | None
    rollover: bool


class SplitSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    income: AmountText = Field(examples=["50000.00"], description="Monthly, in the base currency.")
    essentials: Percent = 50
    desires: Percent = 30
    savings: Percent = 20


class SplitRead(BaseModel):
    currency: str
    income: str
    essentials: int
    desires: int
    savings: int


class SpreadSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    months: int = Field(ge=2, le=60, description="Budgets count 1/months in each month.")


class SpreadRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    transaction_id: uuid.UUID
    months: int

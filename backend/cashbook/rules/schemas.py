import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from cashbook.kit.money import AmountText, CurrencyCode
from cashbook.kit.schemas import omittable
from cashbook.rules.matching import PATTERN_LIMIT

MAX_RULES = 200
MAX_CONDITIONS = 20
MAX_RULE_TAGS = 20

RuleName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Match = Literal["all", "any"]


class _Condition(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextCondition(_Condition):
    """The description, counterparty name or counterparty account contains, starts with or
    equals a text, or matches a pattern (`*` any run of characters, `?` one character);
    case is ignored."""

    field: Literal["description", "counterparty_name", "counterparty_account"]
    op: Literal["contains", "starts_with", "equals", "matches"]
    value: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PATTERN_LIMIT)
    ]


class AmountCondition(_Condition):
    """The size of the amount (without its sign, in the transaction's currency) equals, is
    above or below `value`, or lies between `value` and `value_to` (inclusive)."""

    field: Literal["amount"]
    op: Literal["equals", "above", "below", "between"]
    value: AmountText
    value_to: AmountText | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if (self.op == "between") != (self.value_to is not None):
            raise ValueError("value_to goes with op between, and only with it")
        return self


class AccountCondition(_Condition):
    field: Literal["account"]
    account_id: uuid.UUID


class DirectionCondition(_Condition):
    """Money in (a positive amount) or money out (a negative one)."""

    field: Literal["direction"]
    value: Literal["in", "out"]


class CurrencyCondition(_Condition):
    field: Literal["currency"]
    value: CurrencyCode


Condition = Annotated[
    TextCondition | AmountCondition | AccountCondition | DirectionCondition | CurrencyCondition,
    Field(discriminator="field"),
]
Conditions = Annotated[list[Condition], Field(min_length=1, max_length=MAX_CONDITIONS)]
TagIds = Annotated[list[uuid.UUID], Field(max_length=MAX_RULE_TAGS)]


class RuleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: RuleName
    enabled: bool = True
    match: Match = Field("all", description="Whether all conditions must hold, or any one.")
    conditions: Conditions
    category_id: uuid.UUID | None = None
    tag_ids: TagIds = Field(default_factory=list)
    display_name: DisplayName | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.category_id is None and not self.tag_ids and self.display_name is None:
            raise ValueError("a rule sets a category, tags or a display name")
        return self


class RuleUpdate(BaseModel):
    """Fields left out stay; `category_id` and `display_name` may be sent as null to clear
    them."""

    model_config = ConfigDict(extra="forbid")

    name: RuleName = omittable()
    enabled: bool = omittable()
    match: Match = omittable()
    conditions: Conditions = omittable()
    category_id: uuid.UUID | None = None
    tag_ids: TagIds = omittable()
    display_name: DisplayName | None = None


class RuleRead(BaseModel):
    id: uuid.UUID
    name: str | None
    position: int = Field(description="Rules are tried from the lowest position up.")
    enabled: bool
    match: Match
    conditions: list[Condition]
    category_id: uuid.UUID | None
    tag_ids: list[uuid.UUID]
    display_name: str | None
    created_at: datetime
    updated_at: datetime


class RuleOrder(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule_ids: list[uuid.UUID] = Field(
        min_length=1,
        max_length=MAX_RULES,
        description="Every one of your rules, once each, in the new order.",
    )


class RulePreview(BaseModel):
    """A dry run of applying a rule to the transactions already stored."""

    scanned: int = Field(description="Transactions looked at (at most 20 000, oldest first).")
    matching: int = Field(description="How many of them the rule matches.")
    changing: int = Field(description="How many of those applying it would change.")
    complete: bool = Field(description="False when there were more than were looked at.")


class RuleRunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    rule_id: uuid.UUID | None
    status: Literal["queued", "running", "done", "undoing", "undone", "failed"]
    total: int = Field(description="Transactions to look at (undoing: changes to put back).")
    processed: int
    changed: int
    created_at: datetime
    updated_at: datetime


class RuleDraft(BaseModel):
    """A rule pre-filled from a transaction, to be edited and then created."""

    name: str
    match: Match
    conditions: list[Condition]
    category_id: uuid.UUID | None
    tag_ids: list[uuid.UUID]
    display_name: str | None

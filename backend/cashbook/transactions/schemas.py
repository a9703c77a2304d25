import uuid
from datetime import date, datetime
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from cashbook.kit.money import AmountText, CurrencyCode
from cashbook.kit.schemas import IsoDate
from cashbook.models.transaction import TransactionSource


def _text(limit: int):
    return Annotated[str, StringConstraints(strip_whitespace=True, max_length=limit)]


Description = _text(500)
CounterpartyName = _text(200)
CounterpartyAccount = _text(100)
Note = _text(2000)
DisplayName = _text(200)
MAX_TAGS = 50
MAX_BULK = 1000
# "Select all matching" acts on at most this many transactions per request.
MAX_MATCHING = 20_000
MAX_PARTS = 50


def _original_pair(model: BaseModel) -> None:
    if (model.original_amount is None) != (model.original_currency is None):
        raise ValueError("original_amount and original_currency go together")


class _TransactionFields(BaseModel):
    """What a transaction has that is optional both when it is created and when it changes."""

    model_config = ConfigDict(extra="forbid")

    value_on: date | None = None
    original_amount: AmountText | None = None
    original_currency: CurrencyCode | None = None
    description: Description | None = None
    counterparty_name: CounterpartyName | None = None
    counterparty_account: CounterpartyAccount | None = None
    note: Note | None = None
    display_name: DisplayName | None = Field(
        None, description="Shown instead of the description (a rule may set it)."
    )
    category_id: uuid.UUID | None = None


class TransactionCreate(_TransactionFields):
    account_id: uuid.UUID
    amount: AmountText = Field(examples=["-123.45"], description="Negative = money out.")
    currency: CurrencyCode | None = Field(None, description="Defaults to the account's currency.")
    booked_on: date
    tag_ids: list[uuid.UUID] = Field(default_factory=list, max_length=MAX_TAGS)

    @model_validator(mode="after")
    def _check(self) -> Self:
        _original_pair(self)
        return self


class TransactionUpdate(_TransactionFields):
    account_id: uuid.UUID | None = None
    amount: AmountText | None = None
    booked_on: date | None = None
    tag_ids: list[uuid.UUID] | None = Field(None, max_length=MAX_TAGS)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if {"original_amount", "original_currency"} & self.model_fields_set:
            _original_pair(self)
        for required in ("account_id", "amount", "booked_on"):
            if required in self.model_fields_set and getattr(self, required) is None:
                raise ValueError(f"{required} cannot be null")
        return self


class DecryptionError(BaseModel):
    code: Literal["DECRYPTION_FAILED"] = "DECRYPTION_FAILED"
    reason: str
    fields: list[str]


class SplitPartSet(BaseModel):
    """One part of a split, in the transaction's currency."""

    model_config = ConfigDict(extra="forbid")

    amount: AmountText = Field(examples=["-23.50"], description="Same sign rules as the whole.")
    category_id: uuid.UUID | None = None
    tag_ids: list[uuid.UUID] = Field(default_factory=list, max_length=MAX_TAGS)
    note: Note | None = None


class TransactionSplitSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    parts: list[SplitPartSet] = Field(
        max_length=MAX_PARTS,
        description="Two or more parts that add up to the transaction's amount; an empty "
        "list removes the split.",
    )


class SplitPartRead(BaseModel):
    id: uuid.UUID
    amount: str = Field(examples=["-23.50"])
    category_id: uuid.UUID | None
    tag_ids: list[uuid.UUID]
    note: str | None


class TransactionRead(BaseModel):
    id: uuid.UUID
    account_id: uuid.UUID
    booked_on: date
    value_on: date | None
    amount: str = Field(examples=["-123.45"])
    currency: str
    original_amount: str | None
    original_currency: str | None
    description: str | None
    counterparty_name: str | None
    counterparty_account: str | None
    note: str | None
    display_name: str | None
    category_id: uuid.UUID | None
    rule_id: uuid.UUID | None = Field(
        None, description="The first rule (in order) that set something when it was stored."
    )
    transfer_id: uuid.UUID | None = Field(
        None, description="Set on both sides of a transfer between your own accounts."
    )
    tag_ids: list[uuid.UUID]
    parts: list[SplitPartRead] = Field(
        default_factory=list,
        description="The parts of a split transaction (reports and budgets count these "
        "instead of the whole); empty when it is not split.",
    )
    source: TransactionSource
    created_at: datetime
    updated_at: datetime
    decryption_error: DecryptionError | None = Field(
        None,
        description="Set when stored text could not be decrypted (tampered with, moved, or "
        "under a key this server no longer has); those fields are null.",
    )


class UndoResult(BaseModel):
    batch_id: uuid.UUID = Field(description="The batch the undo is recorded in.")
    undone: int
    skipped: list[uuid.UUID] = Field(
        description="Transactions changed again since the batch (or purged): left as they are."
    )


class DeletedTransaction(TransactionRead):
    deleted_at: datetime = Field(description="Restorable for 30 days from then.")


class TransactionPage(BaseModel):
    items: list[TransactionRead]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class BulkAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["set_category", "add_tags", "remove_tags", "delete"]
    category_id: uuid.UUID | None = Field(None, description="For set_category; null clears it.")
    tag_ids: list[uuid.UUID] = Field(default_factory=list, max_length=MAX_TAGS)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.action in ("add_tags", "remove_tags") and not self.tag_ids:
            raise ValueError(f"{self.action} needs tag_ids")
        return self


class BulkRequest(BulkAction):
    ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_BULK)


class BulkResult(BaseModel):
    action: str
    count: int = Field(description="How many transactions the action applied to.")
    batch_id: uuid.UUID = Field(description="The batch its changes are recorded in (history).")


class TransactionMatch(BaseModel):
    """The filters of `GET /transactions` (every one optional; repeat a list parameter)."""

    model_config = ConfigDict(extra="forbid")

    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    account_id: list[uuid.UUID] = Field(default_factory=list)
    category_id: list[uuid.UUID | Literal["none"]] = Field(
        default_factory=list, description="`none` selects uncategorised transactions."
    )
    tag_id: list[uuid.UUID] = Field(default_factory=list, description="Any of these tags.")
    type: Literal["income", "expense"] | None = None
    amount_min: AmountText | None = Field(None, description="Signed, e.g. -500.")
    amount_max: AmountText | None = None
    q: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        None, description="Words that must all occur in the description or counterparty."
    )


class TransactionQuery(TransactionMatch):
    sort: Literal["-booked_on", "booked_on", "-amount", "amount"] = "-booked_on"
    cursor: Annotated[str, StringConstraints(max_length=300)] | None = None
    limit: int = Field(50, ge=1, le=500)


class TransactionCount(BaseModel):
    count: int = Field(description="How many transactions the filters match.")


class BulkMatchingRequest(BulkAction):
    """An action over every transaction the filters match, as `GET /transactions/count`
    counted them: when the count has changed since, nothing happens (409)."""

    filters: TransactionMatch
    expected_count: int = Field(ge=1, le=MAX_MATCHING)

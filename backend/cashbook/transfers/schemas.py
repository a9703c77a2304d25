import uuid

from pydantic import BaseModel, ConfigDict, Field


class TransferCreate(BaseModel):
    """Two transactions that are one transfer between the person's own accounts."""

    model_config = ConfigDict(extra="forbid")

    transaction_ids: list[uuid.UUID] = Field(min_length=2, max_length=2)


class CashWithdrawal(BaseModel):
    """A withdrawal from a bank account whose money went into a cash account."""

    model_config = ConfigDict(extra="forbid")

    transaction_id: uuid.UUID = Field(description="The withdrawal (money out of the bank).")
    cash_account_id: uuid.UUID


class Transfer(BaseModel):
    id: uuid.UUID
    transaction_ids: list[uuid.UUID] = Field(description="Money out first, then money in.")

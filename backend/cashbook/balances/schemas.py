from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from cashbook.models.balance_check import BalanceSource


class Reconciliation(BaseModel):
    """How the account's ledger compares with the newest balance stated outside it."""

    state: Literal["matches", "differs"]
    source: BalanceSource = Field(description="The bank's balance endpoint or a statement.")
    checked_on: date = Field(description="The day the stated balance is for.")
    stated: str = Field(examples=["1250.00"], description="The balance the source states.")
    ledger: str = Field(examples=["1250.00"], description="Cashbook's balance for that day.")
    difference: str = Field(examples=["0.00"], description="Ledger minus stated.")

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from cashbook.balances.schemas import Reconciliation
from cashbook.kit.money import AmountText, CurrencyCode
from cashbook.kit.schemas import omittable
from cashbook.models.account import AccountKind

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


def _valid_iban(value: str) -> str:
    iban = "".join(value.split()).upper()
    if not (15 <= len(iban) <= 34 and iban[:2].isalpha() and iban[2:4].isdigit()):
        raise ValueError("not an IBAN: two letters, two check digits, then the account")
    if not iban.isalnum() or not iban.isascii():
        raise ValueError("an IBAN has only letters and digits")
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        raise ValueError("the IBAN's check digits do not match; is there a typo?")
    return iban


Iban = Annotated[str, StringConstraints(max_length=50), AfterValidator(_valid_iban)]
AccountNumber = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=40),
    Field(
        description="The account's number where it is not an IBAN (as a statement file "
        "names it, e.g. an OFX ACCTID)",
        examples=["9100"],
    ),
]


class AccountCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    kind: AccountKind = AccountKind.bank
    currency: CurrencyCode
    iban: Iban | None = None
    number: AccountNumber | None = None
    opening_balance: AmountText = Field("0", examples=["1250.00"])
    archived: bool = False


class AccountUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name = omittable()
    kind: AccountKind = omittable()
    currency: CurrencyCode = omittable(description="Only while it has no transactions.")
    iban: Iban | None = None
    number: AccountNumber | None = None
    opening_balance: AmountText = omittable()
    archived: bool = omittable()


class AccountRead(BaseModel):
    id: uuid.UUID
    name: str
    kind: AccountKind
    currency: str
    iban: str | None
    number: str | None
    opening_balance: str = Field(examples=["1250.00"])
    balance: str = Field(description="Opening balance plus every transaction.")
    archived: bool
    reconciliation: Reconciliation | None = Field(
        None, description="Against the newest balance the bank or a statement stated; none yet."
    )
    created_at: datetime
    updated_at: datetime

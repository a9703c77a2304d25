import uuid
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from cashbook.kit.money import AmountText
from cashbook.kit.schemas import IsoDate

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class GoalCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    target_amount: AmountText = Field(examples=["60000.00"], description="In the base currency.")
    target_date: IsoDate | None = None
    account_id: uuid.UUID | None = Field(
        None, description="The account whose balance is the progress (else: contributions)."
    )


class GoalUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    target_amount: AmountText | None = None
    target_date: IsoDate | None = None


class MemberRead(BaseModel):
    id: uuid.UUID
    email: str
    accepted: bool


class GoalRead(BaseModel):
    id: uuid.UUID
    name: str
    currency: str
    target_amount: str
    target_date: date | None
    is_owner: bool
    account_id: uuid.UUID | None = Field(description="Shown to the owner only.")
    saved: str
    percent: int
    monthly_needed: str | None = Field(description="To reach the target by its date.")
    projected_on: date | None = Field(description="When the pace so far reaches the target.")
    members: list[MemberRead]


class ContributionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: AmountText = Field(examples=["500.00"])
    contributed_on: date | None = None


class ContributionRead(BaseModel):
    id: uuid.UUID
    member: str = Field(description="The contributor's email.")
    amount: str
    contributed_on: date


class Invite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr


class InvitationRead(BaseModel):
    goal_id: uuid.UUID
    name: str
    owner: str

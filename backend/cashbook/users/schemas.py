import uuid
from datetime import datetime
from typing import Annotated

from fastapi_users import schemas
from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from cashbook.kit.language import DEFAULT_LANGUAGE, Language
from cashbook.kit.money import CurrencyCode
from cashbook.kit.schemas import omittable

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Password = Annotated[str, StringConstraints(max_length=256)]


class UserRead(schemas.BaseUser[uuid.UUID]):
    first_name: str
    last_name: str
    base_currency: str
    language: Language
    created_at: datetime


class UserCreate(schemas.BaseUserCreate):
    email: EmailStr
    password: Password
    first_name: Name
    last_name: Name
    language: Language = Field(
        DEFAULT_LANGUAGE, description="Of the emails and the default category names."
    )


class UserUpdate(BaseModel):
    """What a person may change about themselves. A new password needs the current one."""

    model_config = ConfigDict(extra="forbid")

    first_name: Name = omittable()
    last_name: Name = omittable()
    base_currency: CurrencyCode = omittable()
    language: Language = omittable()
    password: Password = omittable()
    current_password: Password = omittable(description="Required to set a new password.")


class AdminUserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    first_name: Name = omittable()
    last_name: Name = omittable()
    is_active: bool = omittable()
    is_verified: bool = omittable()
    is_superuser: bool = omittable()


class UserEmail(BaseModel):
    email: EmailStr


class AccountDeletion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: Password | None = Field(None, description="Required when the account has one.")
    confirmation: Annotated[str, StringConstraints(max_length=320)] = Field(
        description="The account's email address, typed by the person."
    )

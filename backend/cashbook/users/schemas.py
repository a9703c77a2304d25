import uuid
from datetime import datetime
from typing import Annotated

from fastapi_users import schemas
from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from cashbook.kit.money import CurrencyCode

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Password = Annotated[str, StringConstraints(max_length=256)]


class UserRead(schemas.BaseUser[uuid.UUID]):
    first_name: str
    last_name: str
    base_currency: str
    created_at: datetime


class UserCreate(schemas.BaseUserCreate):
    email: EmailStr
    password: Password
    first_name: Name
    last_name: Name


class UserUpdate(BaseModel):
    """What a person may change about themselves. A new password needs the current one."""

    model_config = ConfigDict(extra="forbid")

    first_name: Name | None = None
    last_name: Name | None = None
    base_currency: CurrencyCode | None = None
    password: Password | None = None
    current_password: Password | None = Field(None, description="Required to set a new password.")


class AdminUserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    first_name: Name | None = None
    last_name: Name | None = None
    is_active: bool | None = None
    is_verified: bool | None = None
    is_superuser: bool | None = None


class UserEmail(BaseModel):
    email: EmailStr

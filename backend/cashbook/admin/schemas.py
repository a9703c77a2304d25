import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, StringConstraints


class AdminUser(BaseModel):
    """What the administration sees of a person: never a balance or a transaction."""

    id: uuid.UUID
    email: EmailStr
    first_name: str
    last_name: str
    role: Literal["user", "admin"]
    is_verified: bool
    is_active: bool
    two_factor_enabled: bool
    created_at: datetime
    last_login_at: datetime | None
    account_count: int


class ImpersonationStart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=500)]


class ImpersonationStarted(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the scheme, not a secret
    impersonation_id: uuid.UUID
    expires_at: datetime


class ImpersonationRead(BaseModel):
    """An administrator's access to an account: who, when, why."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    actor_email: str
    reason: str
    started_at: datetime
    expires_at: datetime
    ended_at: datetime | None


class CurrentImpersonation(ImpersonationRead):
    subject_email: str


class AuditEntryRead(BaseModel):
    id: int
    impersonation_id: uuid.UUID
    actor_email: str
    subject_id: uuid.UUID
    subject_email: str
    reason: str
    method: str
    route: str
    status: int
    created_at: datetime

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from cashbook.alerts.kinds import AlertKind
from cashbook.kit.money import AmountText


class NotificationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: AlertKind
    subject: str
    period: str
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None


class UnreadCount(BaseModel):
    count: int


class MarkRead(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ids: list[uuid.UUID] | None = Field(None, description="Omitted: every notification.")


class PreferenceRead(BaseModel):
    kind: AlertKind
    in_app: bool
    email: bool
    threshold: str | None = Field(description="Large transactions: above this amount.")


class PreferenceSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    in_app: bool = True
    email: bool = True
    threshold: AmountText | None = None

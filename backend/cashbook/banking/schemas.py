import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict


class BankProviderRead(BaseModel):
    name: str
    display_name: str
    available: bool
    demo: bool  # the fake bank of a development machine


class BankConnectionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider: Literal["csas"] = "csas"


class BankConnectionStarted(BaseModel):
    """Send the person's browser to `authorization_url`; the bank sends it back to the
    callback, which lands on the web app's accounts page."""

    id: uuid.UUID
    status: str
    authorization_url: str


class ConnectedAccount(BaseModel):
    account_id: uuid.UUID
    name: str
    currency: str
    iban: str | None
    last_booked_on: date | None
    last_synced_at: datetime | None


class SyncRunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    trigger: str
    status: str
    queued_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int
    fetched: int
    created: int
    updated: int
    skipped: int
    removed: int
    duration_ms: int | None
    error_code: str | None
    error: str | None


class ConnectionProblem(BaseModel):
    code: str
    reason: str


class BankConnectionRead(BaseModel):
    id: uuid.UUID
    provider: str
    status: str
    created_at: datetime
    consented_at: datetime | None
    accounts: list[ConnectedAccount]
    last_sync: SyncRunRead | None
    last_success_at: datetime | None
    last_error: ConnectionProblem | None
    next_sync_at: datetime | None
    sync_interval_seconds: int

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel


class ImportProblem(BaseModel):
    """A line or entry that could not be read; the file's values are never repeated here."""

    position: int | None
    unit: str
    message: str


class ImportFailure(BaseModel):
    code: str
    reason: str


class ImportRead(BaseModel):
    id: uuid.UUID
    account_id: uuid.UUID
    file_name: str | None
    status: str
    format: str | None
    encoding: str | None
    size_bytes: int
    total: int
    created: int
    duplicates: int
    error: ImportFailure | None
    errors: list[ImportProblem]
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class TransactionOriginRead(BaseModel):
    """Where a transaction came from and what its source said beyond the ledger's fields."""

    transaction_id: uuid.UUID
    source: Literal["bank", "import"]
    connection_id: uuid.UUID | None
    import_id: uuid.UUID | None
    pending: bool
    variable_symbol: str | None
    specific_symbol: str | None
    constant_symbol: str | None
    exchange_rate: str | None
    reservation_id: str | None
    raw: str | None

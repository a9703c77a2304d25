import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from cashbook.models.transaction_version import ActorKind, VersionKind

Value = str | int | list[str] | None


class FieldChange(BaseModel):
    field: str
    old: Value = Field(description="Amounts in minor units, dates ISO, tags a list of ids.")
    new: Value


class VersionRead(BaseModel):
    version: int
    kind: VersionKind
    created_at: datetime
    actor: ActorKind
    actor_id: uuid.UUID | None = Field(
        description="The person, the administrator acting as them, or the connection, import "
        "or rule that made the change."
    )
    batch_id: uuid.UUID
    changes: list[FieldChange]
    decryption_failed: bool = Field(
        description="The version's encrypted texts could not be decrypted; they are left out."
    )


class VersionPage(BaseModel):
    items: list[VersionRead]
    next_after: int | None = Field(
        description="Pass as `after` for the next page; null at the end."
    )

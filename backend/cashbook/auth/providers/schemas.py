import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ProviderRead(BaseModel):
    name: str = Field(description="The route segment: `/auth/{name}/authorize`.")
    display_name: str


class CallbackParams(BaseModel):
    """What the provider appends to the callback URL (RFC 6749 4.1.2, RFC 9207 `iss`)."""

    # Providers may add parameters of their own (session_state, ...); they are ignored.
    model_config = ConfigDict(extra="ignore")

    code: str | None = Field(None, max_length=4096)
    state: str | None = Field(None, max_length=4096)
    error: str | None = Field(None, max_length=256)
    error_description: str | None = Field(None, max_length=1024)
    iss: str | None = Field(None, max_length=1024)
    response: Literal["json"] | None = Field(
        None, description="`json` returns JSON instead of redirecting the browser."
    )


class IdentityRead(BaseModel):
    id: uuid.UUID
    provider: str
    display_name: str
    created_at: datetime
    last_login_at: datetime | None

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# A six-digit code from the app, or a recovery code (spaces and dashes are ignored).
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=6, max_length=32)]


class TwoFactorStatus(BaseModel):
    enabled: bool
    recovery_codes_left: int


class TwoFactorSetup(BaseModel):
    secret: str = Field(description="The shared secret, for typing into an app by hand.")
    otpauth_uri: str
    qr_svg: str = Field(description="The otpauth URI as a QR code, an SVG data URI.")


class TwoFactorCode(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Code


class TwoFactorDisable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: Annotated[str, StringConstraints(max_length=256)]
    code: Code


class RecoveryCodes(BaseModel):
    codes: list[str] = Field(description="Shown once; each works once instead of a code.")

"""What Cashbook needs from a bank, whichever bank it is: start an authorisation, exchange
the code, refresh, list the accounts, list transactions since a date. A provider talks HTTP
and maps the bank's data to `StatementRecord`s; it stores nothing itself."""

import base64
import hashlib
import secrets
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from cashbook.ledger.records import StatementRecord


class BankError(Exception):
    """Something went wrong talking to a bank. `code` is the bank's error code (or ours)."""

    def __init__(self, message: str, code: str = "BANK_ERROR") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class ConsentInvalid(BankError):
    """The person's consent is gone (expired, revoked, refresh token refused): only a new
    authorisation at the bank helps."""


class AccessTokenRejected(BankError):
    """The access token was refused; a refreshed one may work."""


class AccountIdUnknown(BankError):
    """The bank no longer knows the account id (its ids change daily); list accounts again."""


class BankUnavailable(BankError):
    """A failure worth retrying later: no answer, a 5xx, a rate limit."""


@dataclass(frozen=True, slots=True)
class TokenSet:
    access_token: str
    expires_at: datetime
    refresh_token: str | None = None  # None when the bank kept the old one
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class BankAccount:
    """An account as the bank lists it. `provider_id` is opaque and may change (Česká
    spořitelna's changes daily): match accounts by IBAN, never by it."""

    provider_id: str
    iban: str
    currency: str
    name: str
    number: str | None = None
    product: str | None = None
    owners: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BankBalance:
    """An account's balance as the bank states it on `on`, in major units. `booked_only`
    when it counts booked entries alone (ISO 20022 `CLBD`); otherwise it also counts what
    pending payments hold (`CLAV`)."""

    amount: Decimal
    on: date
    booked_only: bool


@dataclass(slots=True)
class TransactionPage:
    records: list[StatementRecord]
    page: int
    page_count: int
    window: tuple[date, date]
    request_size: int = field(default=0)


@dataclass(frozen=True, slots=True)
class Pkce:
    """RFC 7636 proof key: the verifier stays with us, the challenge goes to the bank."""

    verifier: str
    challenge: str
    method: str = "S256"

    @classmethod
    def new(cls) -> "Pkce":
        verifier = secrets.token_urlsafe(64)
        return cls(verifier, challenge_for(verifier))


def challenge_for(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


class BankProvider(ABC):
    name: str
    display_name: str

    @abstractmethod
    def authorization_url(self, *, state: str, pkce: Pkce, redirect_uri: str) -> str:
        """Where to send the person's browser to give consent at the bank."""

    @abstractmethod
    async def exchange_code(self, *, code: str, verifier: str, redirect_uri: str) -> TokenSet:
        """Tokens for the code the bank sent back to the callback."""

    @abstractmethod
    async def refresh(self, refresh_token: str) -> TokenSet:
        """A new access token (and, with rotation, a new refresh token)."""

    @abstractmethod
    async def revoke(self, token: str) -> None:
        """End the consent at the bank (best effort)."""

    @abstractmethod
    async def list_accounts(self, access_token: str) -> list[BankAccount]:
        """Every account the consent covers."""

    @abstractmethod
    def transactions(
        self, access_token: str, account: BankAccount, since: date, until: date
    ) -> AsyncIterator[TransactionPage]:
        """The account's transactions from `since` to `until` (both included), page by page."""

    @abstractmethod
    async def balance(self, access_token: str, account: BankAccount) -> BankBalance | None:
        """The account's balance now, or None when the bank states none."""

    async def aclose(self) -> None:  # noqa: B027 - optional for providers without resources
        """Release connections."""

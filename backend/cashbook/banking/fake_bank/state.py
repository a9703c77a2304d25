"""The fake bank's moving parts: its clock, consents, codes and tokens, and the view of the
generated history that the API serves at any moment (pending card payments turn into
bookings as the clock passes their booking day; new transactions appear day by day)."""

import base64
import hashlib
import json
import secrets
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from cashbook.banking.fake_bank.data import Customer, FakeAccount, FakeEntry, generate

NON_SCA_DAYS = 90
SCA_FRESH = timedelta(minutes=15)  # how long after the consent the full history is open


class OAuthFailure(Exception):
    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


class ApiFailure(Exception):
    def __init__(self, status: int, code: str, scope: str | None = None) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.scope = scope


@dataclass
class Consent:
    id: str
    client_id: str
    scope: str
    created_at: datetime
    expires_at: datetime
    revoked: bool = False


@dataclass
class AuthorizationCode:
    consent_id: str
    redirect_uri: str
    challenge: str
    offline: bool
    expires_at: datetime
    used: bool = False


@dataclass
class AccessToken:
    consent_id: str
    expires_at: datetime
    sca_at: datetime | None  # set for tokens straight from a fresh authorisation


@dataclass
class RefreshToken:
    consent_id: str
    active: bool = True


@dataclass
class Fault:
    status: int
    code: str
    remaining: int
    path: str = ""  # only requests whose path contains this


@dataclass
class FakeBankConfig:
    client_id: str = "cashbook-demo"
    client_secret: str = "demo-client-secret"  # noqa: S105 - the fake bank's demo client
    api_key: str = "demo-web-api-key"
    # Where the bank may send the browser back, with the code: exactly these, as a real bank.
    redirect_uris: tuple[str, ...] = ("http://127.0.0.1:8000/bank/callback",)
    seed: int = 7
    history_days: int = 365
    future_days: int = 120
    purchases_per_day: float = 1.8
    access_token_seconds: int = 600
    consent_days: int = 180
    id_rotation: timedelta = timedelta(days=1)
    id_salt: str = "fake-bank"  # salts the daily account ids


def _aware(value: str) -> datetime:
    return datetime.fromisoformat(value)


@dataclass
class FakeBank:
    config: FakeBankConfig = field(default_factory=FakeBankConfig)
    state_path: Path | None = None
    anchor: date | None = None  # "today" when the history was generated

    def __post_init__(self) -> None:
        self._lock = threading.RLock()
        self.offset = timedelta()
        self.consents: dict[str, Consent] = {}
        self.codes: dict[str, AuthorizationCode] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        self.refresh_tokens: dict[str, RefreshToken] = {}
        self.requests: list[dict[str, Any]] = []
        self.faults: list[Fault] = []
        self._load()
        if self.anchor is None:
            self.anchor = datetime.now(UTC).date()
        start = self.anchor - timedelta(days=self.config.history_days)
        end = self.anchor + timedelta(days=self.config.future_days)
        self.customer: Customer = generate(
            self.config.seed, start, end, self.config.purchases_per_day
        )
        self._save()

    # The clock

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def today(self) -> date:
        return self.now().date()

    def advance(self, **delta: float) -> None:
        with self._lock:
            self.offset += timedelta(**delta)

    # Persistence (the one-machine demo keeps consents across restarts)

    def _load(self) -> None:
        if self.state_path is None or not self.state_path.exists():
            return
        state = json.loads(self.state_path.read_text())
        self.anchor = date.fromisoformat(state["anchor"])
        for consent in state.get("consents", []):
            for key in ("created_at", "expires_at"):
                consent[key] = _aware(consent[key])
            self.consents[consent["id"]] = Consent(**consent)
        for token, consent_id in state.get("refresh_tokens", {}).items():
            self.refresh_tokens[token] = RefreshToken(consent_id)

    def _save(self) -> None:
        if self.state_path is None:
            return
        consents = [
            {
                **asdict(c),
                "created_at": c.created_at.isoformat(),
                "expires_at": c.expires_at.isoformat(),
            }
            for c in self.consents.values()
        ]
        refresh = {t: r.consent_id for t, r in self.refresh_tokens.items() if r.active}
        state = {
            "anchor": self.anchor.isoformat() if self.anchor else None,
            "consents": consents,
            "refresh_tokens": refresh,
        }
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.state_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, indent=1))
        temporary.chmod(0o600)
        temporary.replace(self.state_path)

    # OAuth2

    def check_client(self, client_id: str | None, redirect_uri: str | None) -> None:
        if client_id != self.config.client_id:
            raise OAuthFailure("unauthorized_client", "Unknown client_id.")
        if redirect_uri not in self.config.redirect_uris:
            raise OAuthFailure("invalid_request", "The redirect_uri is not registered.")

    def authorize(
        self, client_id: str, redirect_uri: str, scope: str, challenge: str, offline: bool
    ) -> str:
        """The customer said yes: a consent and a one-time code for it."""
        with self._lock:
            self.check_client(client_id, redirect_uri)
            now = self.now()
            consent = Consent(
                secrets.token_hex(8),
                client_id,
                scope,
                now,
                now + timedelta(days=self.config.consent_days),
            )
            self.consents[consent.id] = consent
            code = secrets.token_urlsafe(24)
            self.codes[code] = AuthorizationCode(
                consent.id, redirect_uri, challenge, offline, now + timedelta(seconds=60)
            )
            self._save()
            return code

    def _authenticate_client(self, client_id: str | None, client_secret: str | None) -> None:
        if client_id != self.config.client_id or not secrets.compare_digest(
            client_secret or "", self.config.client_secret
        ):
            raise OAuthFailure("invalid_client", "Client authentication failed.", 401)

    def _issue(self, consent: Consent, *, sca: bool, offline: bool) -> dict[str, Any]:
        now = self.now()
        access = secrets.token_urlsafe(32)
        self.access_tokens[access] = AccessToken(
            consent.id,
            now + timedelta(seconds=self.config.access_token_seconds),
            now if sca else None,
        )
        body: dict[str, Any] = {
            "access_token": access,
            "token_type": "bearer",
            "expires_in": self.config.access_token_seconds,
            "scope": consent.scope,
        }
        if offline:
            refresh = secrets.token_urlsafe(32)
            self.refresh_tokens[refresh] = RefreshToken(consent.id)
            body["refresh_token"] = refresh
        return body

    def _live_consent(self, consent_id: str) -> Consent | None:
        consent = self.consents.get(consent_id)
        if consent is None or consent.revoked or consent.expires_at <= self.now():
            return None
        return consent

    def token(self, form: dict[str, str]) -> dict[str, Any]:
        with self._lock:
            self._authenticate_client(form.get("client_id"), form.get("client_secret"))
            grant = form.get("grant_type")
            if grant == "authorization_code":
                body = self._code_grant(form)
            elif grant == "refresh_token":
                body = self._refresh_grant(form)
            else:
                raise OAuthFailure("unsupported_grant_type", "Unsupported grant_type.")
            self._save()
            return body

    def _code_grant(self, form: dict[str, str]) -> dict[str, Any]:
        code = self.codes.get(form.get("code", ""))
        if code is None or code.used or code.expires_at <= self.now():
            raise OAuthFailure("invalid_grant", "The code is unknown, used or expired.")
        code.used = True
        if code.redirect_uri != form.get("redirect_uri"):
            raise OAuthFailure("invalid_grant", "The redirect_uri differs from the request's.")
        verifier = form.get("code_verifier") or ""
        digest = hashlib.sha256(verifier.encode()).digest()
        if base64.urlsafe_b64encode(digest).decode().rstrip("=") != code.challenge:
            raise OAuthFailure("invalid_grant", "PKCE verification failed.")
        consent = self._live_consent(code.consent_id)
        if consent is None:
            raise OAuthFailure("invalid_grant", "The consent is no longer valid.")
        return self._issue(consent, sca=True, offline=code.offline)

    def _refresh_grant(self, form: dict[str, str]) -> dict[str, Any]:
        refresh = self.refresh_tokens.get(form.get("refresh_token", ""))
        if refresh is None or not refresh.active:
            raise OAuthFailure("invalid_grant", "The refresh token is unknown or was used.")
        consent = self._live_consent(refresh.consent_id)
        if consent is None:
            raise OAuthFailure("invalid_grant", "The consent expired or was revoked.")
        # Rotation: a refresh token works once; the answer carries its successor.
        refresh.active = False
        return self._issue(consent, sca=False, offline=True)

    def revoke(self, token: str) -> None:
        with self._lock:
            record = self.refresh_tokens.get(token) or self.access_tokens.get(token)
            if record is not None:
                self.revoke_consent(record.consent_id)

    def revoke_consent(self, consent_id: str | None = None) -> None:
        """End one consent (or every one): what a customer does in their internet banking."""
        with self._lock:
            for consent in self.consents.values():
                if consent_id in (None, consent.id):
                    consent.revoked = True
            self._save()

    def expire_access_tokens(self) -> None:
        with self._lock:
            for token in self.access_tokens.values():
                token.expires_at = self.now() - timedelta(seconds=1)

    # The API

    def fail_next(self, status: int, code: str, times: int = 1, path: str = "") -> None:
        """Answer the next `times` API requests (whose path contains `path`) with this error:
        a bank having a bad day."""
        with self._lock:
            self.faults.append(Fault(status, code, times, path))

    def api_request(
        self,
        method: str,
        path: str,
        params: dict[str, str],
        api_key: str | None,
        authorization: str | None,
    ) -> AccessToken:
        with self._lock:
            self.requests.append({"method": method, "path": path, "params": dict(params)})
            fault = next((f for f in self.faults if f.path in path), None)
            if fault is not None:
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self.faults.remove(fault)
                raise ApiFailure(fault.status, fault.code)
            if api_key != self.config.api_key:
                raise ApiFailure(403, "KEY_UNAUTHORIZED")
            token = (authorization or "").removeprefix("Bearer ").strip()
            access = self.access_tokens.get(token)
            if (
                access is None
                or access.expires_at <= self.now()
                or self._live_consent(access.consent_id) is None
            ):
                raise ApiFailure(403, "TOKEN_INVALID")
            return access

    def account_id(self, account: FakeAccount, period: int | None = None) -> str:
        if period is None:
            period = self._period()
        material = f"{self.config.id_salt}|{account.iban}|{period}".encode()
        return hashlib.sha1(material, usedforsecurity=False).hexdigest().upper()

    def _period(self) -> int:
        seconds = self.config.id_rotation.total_seconds()
        return int(self.now().timestamp() // seconds)

    def account_by_id(self, account_id: str) -> FakeAccount:
        """Ids stay valid through the period after the one they were issued in."""
        period = self._period()
        for account in self.customer.accounts:
            if account_id in (
                self.account_id(account, period),
                self.account_id(account, period - 1),
            ):
                return account
        raise ApiFailure(404, "ID_NOT_FOUND", "id")

    def visible_entries(self, account: FakeAccount) -> list[FakeEntry]:
        today = self.today()
        return [e for e in self.customer.entries_of(account) if e.made_on <= today]

    def is_pending(self, entry: FakeEntry) -> bool:
        return entry.books_on > self.today()

    def effective_date(self, entry: FakeEntry) -> date:
        return entry.made_on if self.is_pending(entry) else entry.books_on

    def history_start(self, access: AccessToken) -> date | None:
        """The oldest day this token may read: 90 days without a fresh strong
        authentication (the bank says so in its documentation), everything with one."""
        if access.sca_at is not None and self.now() - access.sca_at <= SCA_FRESH:
            return None
        return self.today() - timedelta(days=NON_SCA_DAYS - 1)

    def booked_between(self, account: FakeAccount, start: date, end: date) -> list[FakeEntry]:
        """Booked entries with a booking day in [start, end] as of now (for tests)."""
        return [
            e
            for e in self.visible_entries(account)
            if not self.is_pending(e) and start <= e.books_on <= end
        ]

    def balance(self, account: FakeAccount, *, available: bool = False) -> Decimal:
        """The booked balance (`CLBD`) now; `available` (`CLAV`) also counts the amounts
        held for pending card payments."""
        amounts = (
            (e.pending_amount or e.amount) if self.is_pending(e) else e.amount
            for e in self.visible_entries(account)
            if available or not self.is_pending(e)
        )
        return account.opening_balance + sum(amounts, Decimal(0))

    def pay_by_card(
        self, account: FakeAccount, amount: Decimal, merchant: str, books_after_days: int = 2
    ) -> FakeEntry:
        """A card payment made now: pending until its booking day (what a customer does
        while a test watches)."""
        with self._lock:
            sequence = max(e.sequence for e in self.customer.entries) + 1
            entry = FakeEntry(
                sequence,
                account,
                self.today(),
                self.today() + timedelta(days=books_after_days),
                -abs(amount),
                "card",
                counterparty_name=merchant,
                message=f"Platba kartou, {merchant}",
                seed=self.config.seed,
            )
            self.customer.entries.append(entry)
            return entry

    def account(self, iban: str) -> FakeAccount:
        return next(a for a in self.customer.accounts if a.iban == iban)

"""Česká spořitelna, Accounts API v3 (`shared/data/csas/`): OAuth2 authorisation code with
PKCE and `access_type=offline`, every API call with the `WEB-API-key` header and a Bearer
token, accounts matched by IBAN (their ids change daily), transactions paged (`size` ≤ 200,
at most 10 000 per query) within `fromDate`/`toDate` windows."""

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import httpx
import structlog

from cashbook.banking.provider import (
    AccessTokenRejected,
    AccountIdUnknown,
    BankAccount,
    BankBalance,
    BankError,
    BankProvider,
    BankUnavailable,
    ConsentInvalid,
    Pkce,
    TokenSet,
    TransactionPage,
)
from cashbook.imports.records import (
    apply_symbols,
    join_texts,
    symbols_in,
    text_or_none,
)
from cashbook.ledger.records import StatementRecord

log = structlog.get_logger(__name__)

SCOPE = "siblings.accounts"
MAX_PAGE_SIZE = 200
MAX_PER_QUERY = 10_000  # size * (page + 1) may not exceed it
NON_SCA_DAYS = 90  # without a fresh strong authentication the bank returns 90 days at most
PENDING = frozenset({"PDNG", "PENDING"})


@dataclass(frozen=True, slots=True)
class CsasConfig:
    api_url: str  # …/webapi/api/v3/accounts
    auth_url: str
    token_url: str
    revoke_url: str | None
    api_key: str
    client_id: str
    client_secret: str
    page_size: int = MAX_PAGE_SIZE
    window_days: int = 31
    timeout_seconds: float = 20.0


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _date(value: Any) -> date | None:
    text = (value or {}).get("date") if isinstance(value, dict) else value
    return date.fromisoformat(str(text)[:10]) if text else None


def _account_id(account: dict[str, Any] | None) -> str | None:
    identification = (account or {}).get("identification") or {}
    other = identification.get("other")
    if isinstance(other, dict):
        other = other.get("identification")
    return text_or_none(identification.get("iban")) or text_or_none(other)


def _raw(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def record_from(transaction: dict[str, Any]) -> StatementRecord:
    """One transaction of the API as a record: the sign from `creditDebitIndicator`, the
    counterparty from `relatedParties` (the debtor of money in, the creditor of money out),
    the symbols from the structured references, `entryReference` as the external id."""
    amount_info = transaction.get("amount") or {}
    value = _decimal(amount_info.get("value"))
    indicator = transaction.get("creditDebitIndicator")
    if value is None or indicator not in ("CRDT", "DBIT"):
        raise BankError("a transaction without an amount or direction", "BAD_TRANSACTION")
    amount = abs(value) if indicator == "CRDT" else -abs(value)
    currency = str(amount_info.get("currency") or "").upper()
    pending = str(transaction.get("status") or "BOOK").upper() in PENDING
    value_on = _date(transaction.get("valueDate"))
    booked_on = _date(transaction.get("bookingDate")) or value_on
    if booked_on is None:
        raise BankError("a transaction without a date", "BAD_TRANSACTION")
    details = (transaction.get("entryDetails") or {}).get("transactionDetails") or {}
    parties = details.get("relatedParties") or {}
    role = "debtor" if indicator == "CRDT" else "creditor"
    remittance = details.get("remittanceInformation") or {}
    references = (
        (remittance.get("structured") or {}).get("creditorReferenceInformation") or {}
    ).get("reference") or []
    record = StatementRecord(
        booked_on=booked_on,
        value_on=value_on,
        amount=amount,
        currency=currency,
        external_id=text_or_none(transaction.get("entryReference")),
        reservation_id=text_or_none(transaction.get("reservationId")),
        pending=pending,
        counterparty_name=text_or_none((parties.get(role) or {}).get("name")),
        counterparty_account=_account_id(parties.get(f"{role}Account")),
        description=join_texts(
            remittance.get("unstructured"), details.get("additionalRemittanceInformation")
        )
        or text_or_none(details.get("additionalTransactionDescription"))
        or text_or_none(details.get("additionalTransactionInformation")),
        raw=_raw(transaction),
    )
    apply_symbols(
        record,
        symbols_in(
            *[str(reference) for reference in references],
            (details.get("references") or {}).get("endToEndIdentification"),
        ),
    )
    amounts = details.get("amountDetails") or {}
    instructed = (amounts.get("instructedAmount") or {}).get("amount") or {}
    instructed_value = _decimal(instructed.get("value"))
    instructed_currency = str(instructed.get("currency") or "").upper()
    if instructed_value is not None and instructed_currency and instructed_currency != currency:
        record.original_amount = abs(instructed_value) if amount > 0 else -abs(instructed_value)
        record.original_currency = instructed_currency
    exchange = (amounts.get("counterValueAmount") or {}).get("currencyExchange") or {}
    record.exchange_rate = _decimal(exchange.get("exchangeRate"))
    return record


def account_from(data: dict[str, Any]) -> BankAccount:
    identification = data.get("identification") or {}
    iban = "".join(str(identification.get("iban") or "").split()).upper()
    if not iban or not data.get("id"):
        raise BankError("an account without an IBAN or id", "BAD_ACCOUNT")
    return BankAccount(
        provider_id=str(data["id"]),
        iban=iban,
        currency=str(data.get("currency") or "").upper(),
        name=text_or_none(data.get("nameI18N")) or text_or_none(data.get("productI18N")) or iban,
        number=text_or_none(identification.get("other")),
        product=text_or_none(data.get("productI18N")),
        owners=tuple(data.get("ownersNames") or ()),
    )


def balance_from(body: dict[str, Any]) -> BankBalance | None:
    """The booked balance (`CLBD`) when the bank gives one, else the available (`CLAV`)."""
    stated: dict[str, BankBalance] = {}
    for item in body.get("balances") or []:
        code = ((item.get("type") or {}).get("codeOrProprietary") or {}).get("code")
        value = _decimal((item.get("amount") or {}).get("value"))
        stamp = item.get("date") or {}
        on = _date(stamp.get("dateTime") or stamp)
        if code not in ("CLBD", "CLAV") or value is None or on is None:
            continue
        sign = -1 if item.get("creditDebitIndicator") == "DBIT" else 1
        stated[code] = BankBalance(sign * abs(value), on, booked_only=code == "CLBD")
    return stated.get("CLBD") or stated.get("CLAV")


def _error_code(response: httpx.Response) -> str:
    try:
        body = json.loads(response.text)
    except ValueError:
        return f"HTTP_{response.status_code}"
    if isinstance(body, dict):
        errors = body.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            return str(errors[0].get("error") or f"HTTP_{response.status_code}")
        if "error" in body:  # OAuth2 error responses
            return str(body["error"])
    return f"HTTP_{response.status_code}"


def _windows(since: date, until: date, days: int) -> list[tuple[date, date]]:
    windows = []
    start = since
    while start <= until:
        end = min(until, start + timedelta(days=days - 1))
        windows.append((start, end))
        start = end + timedelta(days=1)
    return windows


class CsasProvider(BankProvider):
    name = "csas"
    display_name = "Česká spořitelna"

    def __init__(self, config: CsasConfig) -> None:
        self.config = config
        self._http = httpx.AsyncClient(
            timeout=config.timeout_seconds, headers={"Accept": "application/json"}
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    # OAuth2

    def authorization_url(self, *, state: str, pkce: Pkce, redirect_uri: str) -> str:
        query = {
            "client_id": self.config.client_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "access_type": "offline",
            "scope": SCOPE,
            "state": state,
            "code_challenge": pkce.challenge,
            "code_challenge_method": pkce.method,
        }
        return f"{self.config.auth_url}?{urlencode(query)}"

    async def _token(self, form: dict[str, str]) -> TokenSet:
        credentials = {
            "client_id": self.config.client_id,
            "client_secret": self.config.client_secret,
        }
        try:
            response = await self._http.post(self.config.token_url, data={**form, **credentials})
        except httpx.HTTPError as error:
            raise BankUnavailable(
                f"the token endpoint did not answer ({type(error).__name__})"
            ) from None
        if response.status_code >= 500 or response.status_code == 429:
            raise BankUnavailable("the token endpoint failed", _error_code(response))
        if response.status_code in (400, 401):
            code = _error_code(response)
            if code in ("invalid_grant", "invalid_token", "unauthorized_client"):
                raise ConsentInvalid("the bank refused the grant", code)
            raise BankError("the bank refused the token request", code)
        if response.status_code != 200:
            raise BankError("unexpected answer from the token endpoint", _error_code(response))
        body = response.json()
        if not body.get("access_token"):
            raise BankError("the token endpoint sent no access token", "NO_ACCESS_TOKEN")
        lifetime = int(body.get("expires_in") or 300)
        return TokenSet(
            access_token=body["access_token"],
            refresh_token=body.get("refresh_token"),
            expires_at=datetime.now(UTC) + timedelta(seconds=lifetime),
            scope=body.get("scope"),
        )

    async def exchange_code(self, *, code: str, verifier: str, redirect_uri: str) -> TokenSet:
        return await self._token(
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "code_verifier": verifier,
            }
        )

    async def refresh(self, refresh_token: str) -> TokenSet:
        return await self._token({"grant_type": "refresh_token", "refresh_token": refresh_token})

    async def revoke(self, token: str) -> None:
        if not self.config.revoke_url:
            return
        form = {
            "token": token,
            "token_type_hint": "refresh_token",
            "client_id": self.config.client_id,
            "client_secret": self.config.client_secret,
        }
        try:
            response = await self._http.post(self.config.revoke_url, data=form)
        except httpx.HTTPError as error:
            raise BankUnavailable(
                f"the revocation endpoint did not answer ({type(error).__name__})"
            ) from None
        if response.status_code >= 400:
            raise BankError("the bank refused the revocation", _error_code(response))

    # Accounts API

    async def _get(self, access_token: str, path: str, params: dict[str, Any]) -> dict[str, Any]:
        headers = {
            "WEB-API-key": self.config.api_key,
            "Authorization": f"Bearer {access_token}",
        }
        url = f"{self.config.api_url}{path}"
        try:
            response = await self._http.get(url, params=params, headers=headers)
        except httpx.HTTPError as error:
            raise BankUnavailable(f"the bank did not answer ({type(error).__name__})") from None
        if response.status_code == 200:
            return json.loads(response.text, parse_float=Decimal)
        code = _error_code(response)
        if response.status_code == 429 or response.status_code >= 500:
            raise BankUnavailable("the bank is busy or failing", code)
        if response.status_code == 403 and code == "TOKEN_INVALID":
            raise AccessTokenRejected("the bank refused the access token", code)
        if response.status_code == 404 and code == "ID_NOT_FOUND":
            raise AccountIdUnknown("the bank no longer knows this account id", code)
        if response.status_code == 404 and code == "PAGE_NOT_FOUND":
            return {}
        raise BankError(f"the bank refused the request (HTTP {response.status_code})", code)

    async def list_accounts(self, access_token: str) -> list[BankAccount]:
        accounts: list[BankAccount] = []
        page = 0
        while True:
            body = await self._get(access_token, "/my/accounts", {"size": 50, "page": page})
            accounts += [account_from(item) for item in body.get("accounts") or []]
            page += 1
            if page >= int(body.get("pageCount") or 0):
                return accounts

    async def balance(self, access_token: str, account: BankAccount) -> BankBalance | None:
        return balance_from(
            await self._get(access_token, f"/my/accounts/{account.provider_id}/balance", {})
        )

    async def transactions(
        self, access_token: str, account: BankAccount, since: date, until: date
    ) -> AsyncIterator[TransactionPage]:
        for window in _windows(since, until, self.config.window_days):
            async for page in self._window(access_token, account, window, last=window[1] >= until):
                yield page

    async def _window(
        self, access_token: str, account: BankAccount, window: tuple[date, date], last: bool
    ) -> AsyncIterator[TransactionPage]:
        """One fromDate/toDate window. The last one leaves toDate out ("till present"): a
        toDate the bank's clock still sees as tomorrow would be refused as a future date."""
        size = min(self.config.page_size, MAX_PAGE_SIZE)
        path = f"/my/accounts/{account.provider_id}/transactions"
        page = 0
        while True:
            params = {
                "fromDate": window[0].isoformat(),
                "size": size,
                "page": page,
                "sort": "bookingdate",
                "order": "asc",
            }
            if not last:
                params["toDate"] = window[1].isoformat()
            body = await self._get(access_token, path, params)
            page_count = int(body.get("pageCount") or 0)
            if page == 0 and page_count * size > MAX_PER_QUERY and window[0] < window[1]:
                # More than one query may return: split the window and read each half.
                middle = window[0] + (window[1] - window[0]) // 2
                halves = ((window[0], middle, False), (middle + timedelta(days=1), window[1], last))
                for start, end, is_last in halves:
                    async for half_page in self._window(
                        access_token, account, (start, end), is_last
                    ):
                        yield half_page
                return
            records = [record_from(item) for item in body.get("transactions") or []]
            yield TransactionPage(records, page, page_count, window, size)
            page += 1
            if page >= page_count or (page + 1) * size > MAX_PER_QUERY:
                return

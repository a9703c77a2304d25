"""The fake bank keeps the rules of the bank's documentation, so the client is tested
against them: keys and tokens, paging limits, date filters, 90 days without strong
authentication, daily account ids, PKCE, rotating refresh tokens, revoked consents."""

from datetime import timedelta

import httpx
import pytest

from cashbook.banking.fake_bank.app import API
from cashbook.banking.fake_bank.state import FakeBankConfig
from cashbook.banking.provider import Pkce
from cashbook.imports.parsers import read_statement

REDIRECT = "http://127.0.0.1:8000/bank/callback"


def authorize(fake_bank, pkce: Pkce, offline: bool = True) -> str:
    params = {
        "client_id": fake_bank.bank.config.client_id,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "siblings.accounts",
        "state": "s1",
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
    }
    if offline:
        params["access_type"] = "offline"
    location = fake_bank.approve(f"{fake_bank.url}/oauth/auth?{httpx.QueryParams(params)}")
    assert httpx.URL(location).params["state"] == "s1"
    return httpx.URL(location).params["code"]


def token(fake_bank, **form) -> httpx.Response:
    config = fake_bank.bank.config
    body = {"client_id": config.client_id, "client_secret": config.client_secret, **form}
    return httpx.post(f"{fake_bank.url}/oauth/token", data=body)


def tokens(fake_bank) -> dict:
    pkce = Pkce.new()
    code = authorize(fake_bank, pkce)
    answer = token(
        fake_bank,
        grant_type="authorization_code",
        code=code,
        redirect_uri=REDIRECT,
        code_verifier=pkce.verifier,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def api(fake_bank, path: str, access: str | None, key: str | None = "default", **params):
    headers = {}
    if key is not None:
        headers["WEB-API-key"] = fake_bank.bank.config.api_key if key == "default" else key
    if access is not None:
        headers["Authorization"] = f"Bearer {access}"
    return httpx.get(f"{fake_bank.url}{API}{path}", params=params, headers=headers)


def error(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.json()["errors"][0]["error"]


def test_the_api_wants_the_key_and_a_live_token(fake_bank):
    access = tokens(fake_bank)["access_token"]
    assert api(fake_bank, "/my/accounts", access).status_code == 200
    assert error(api(fake_bank, "/my/accounts", access, key=None)) == (403, "KEY_UNAUTHORIZED")
    assert error(api(fake_bank, "/my/accounts", access, key="wrong")) == (403, "KEY_UNAUTHORIZED")
    assert error(api(fake_bank, "/my/accounts", None)) == (403, "TOKEN_INVALID")
    fake_bank.bank.advance(seconds=fake_bank.bank.config.access_token_seconds + 1)
    assert error(api(fake_bank, "/my/accounts", access)) == (403, "TOKEN_INVALID")


@pytest.mark.parametrize(
    "fake_bank_config", [FakeBankConfig(purchases_per_day=2, history_days=100)]
)
def test_paging_and_date_limits(fake_bank):
    bank = fake_bank.bank
    access = tokens(fake_bank)["access_token"]
    accounts = api(fake_bank, "/my/accounts", access).json()["accounts"]
    path = f"/my/accounts/{accounts[0]['id']}/transactions"
    today = bank.today()
    since = (today - timedelta(days=60)).isoformat()
    first = api(fake_bank, path, access, fromDate=since, size=50, page=0).json()
    assert first["pageNumber"] == 0 and first["pageSize"] == 50 and first["nextPage"] == 1
    everything = sum(
        len(api(fake_bank, path, access, fromDate=since, size=50, page=p).json()["transactions"])
        for p in range(first["pageCount"])
    )
    main = bank.customer.accounts[0]
    expected = [
        e for e in bank.visible_entries(main) if bank.effective_date(e) >= today - timedelta(60)
    ]
    assert everything == len(expected)
    assert error(api(fake_bank, path, access, size=201)) == (400, "PARAMETER_INVALID")
    assert error(api(fake_bank, path, access, size=200, page=50)) == (
        400,
        "MAX_TRANSACTIONS_EXCEEDED",
    )
    beyond = api(fake_bank, path, access, fromDate=since, size=50, page=first["pageCount"])
    assert error(beyond) == (404, "PAGE_NOT_FOUND")
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert error(api(fake_bank, path, access, fromDate=tomorrow)) == (400, "DT01")
    assert error(api(fake_bank, path, access, toDate=tomorrow)) == (400, "DT01")
    assert error(api(fake_bank, path, access, fromDate="15.3.2024")) == (400, "DT01")
    # Without fromDate: one month.
    month = api(fake_bank, path, access, size=200).json()["transactions"]
    dates = [(t.get("bookingDate") or t["valueDate"])["date"] for t in month]
    assert min(dates) >= (today - timedelta(days=30)).isoformat()


@pytest.mark.parametrize("fake_bank_config", [FakeBankConfig(purchases_per_day=0.4)])
def test_ninety_days_without_a_fresh_strong_authentication(fake_bank):
    bank = fake_bank.bank
    fresh = tokens(fake_bank)
    year_ago = (bank.today() - timedelta(days=300)).isoformat()

    def oldest(access: str) -> str:
        accounts = api(fake_bank, "/my/accounts", access).json()["accounts"]
        path = f"/my/accounts/{accounts[0]['id']}/transactions"
        body = api(fake_bank, path, access, fromDate=year_ago, size=200, order="asc").json()
        return body["transactions"][0]["bookingDate"]["date"]

    assert oldest(fresh["access_token"]) < (bank.today() - timedelta(days=250)).isoformat()
    refreshed = token(fake_bank, grant_type="refresh_token", refresh_token=fresh["refresh_token"])
    limit = (bank.today() - timedelta(days=89)).isoformat()
    assert oldest(refreshed.json()["access_token"]) >= limit


def test_account_ids_change_daily_and_stay_valid_a_day(fake_bank):
    bank = fake_bank.bank
    access = tokens(fake_bank)["access_token"]
    old = api(fake_bank, "/my/accounts", access).json()["accounts"][0]["id"]
    bank.config.access_token_seconds = 10**6
    access = tokens(fake_bank)["access_token"]
    bank.advance(days=1)
    new = api(fake_bank, "/my/accounts", access).json()["accounts"][0]["id"]
    assert new != old
    assert api(fake_bank, f"/my/accounts/{old}/balance", access).status_code == 200
    bank.advance(days=1)
    assert error(api(fake_bank, f"/my/accounts/{old}/balance", access)) == (404, "ID_NOT_FOUND")


def test_codes_need_the_pkce_verifier_and_work_once(fake_bank):
    pkce = Pkce.new()
    code = authorize(fake_bank, pkce)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    wrong = token(fake_bank, **form, code_verifier=Pkce.new().verifier)
    assert (wrong.status_code, wrong.json()["error"]) == (400, "invalid_grant")
    assert token(fake_bank, **form, code_verifier=pkce.verifier).status_code == 400  # used
    code = authorize(fake_bank, pkce)
    other_redirect = {**form, "code": code, "redirect_uri": "http://evil.example/cb"}
    assert token(fake_bank, **other_redirect, code_verifier=pkce.verifier).status_code == 400
    secretless = httpx.post(
        f"{fake_bank.url}/oauth/token",
        data={**form, "client_id": fake_bank.bank.config.client_id, "client_secret": "x"},
    )
    assert (secretless.status_code, secretless.json()["error"]) == (401, "invalid_client")
    online = authorize(fake_bank, pkce, offline=False)
    answer = token(fake_bank, **{**form, "code": online}, code_verifier=pkce.verifier).json()
    assert "refresh_token" not in answer  # no access_type=offline, no refresh token


def test_refresh_tokens_rotate_and_consents_end(fake_bank):
    bank = fake_bank.bank
    first = tokens(fake_bank)
    second = token(fake_bank, grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]
    reused = token(fake_bank, grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert (reused.status_code, reused.json()["error"]) == (400, "invalid_grant")

    bank.advance(days=bank.config.consent_days + 1)
    expired = token(
        fake_bank, grant_type="refresh_token", refresh_token=second.json()["refresh_token"]
    )
    assert expired.json()["error"] == "invalid_grant"

    third = tokens(fake_bank)
    config = bank.config
    revoked = httpx.post(
        f"{fake_bank.url}/oauth/revoke",
        data={
            "token": third["refresh_token"],
            "client_id": config.client_id,
            "client_secret": config.client_secret,
        },
    )
    assert revoked.status_code == 200
    assert error(api(fake_bank, "/my/accounts", third["access_token"])) == (403, "TOKEN_INVALID")


def test_the_consent_page_refuses_what_it_cannot_trust(fake_bank):
    base = f"{fake_bank.url}/oauth/auth"
    unknown = httpx.get(base, params={"client_id": "someone", "redirect_uri": REDIRECT})
    assert unknown.status_code == 400  # shown, never redirected to an unverified address
    params = {
        "client_id": fake_bank.bank.config.client_id,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "siblings.accounts",
        "state": "s",
    }
    no_pkce = httpx.get(base, params=params)
    assert no_pkce.status_code == 302
    assert httpx.URL(no_pkce.headers["location"]).params["error"] == "invalid_request"


@pytest.mark.parametrize("months", [1])
def test_statements_download_as_camt053_that_cashbook_reads(fake_bank, months):
    bank = fake_bank.bank
    access = tokens(fake_bank)["access_token"]
    main = api(fake_bank, "/my/accounts", access).json()["accounts"][0]
    listed = api(fake_bank, f"/my/accounts/{main['id']}/statements", access, size=100).json()
    statement = listed["accountStatements"][-months]
    download = httpx.get(
        f"{fake_bank.url}{API}/my/accounts/{main['id']}/statements/"
        f"{statement['accountStatementId']}/download",
        params={"format": "xml"},
        headers={"WEB-API-key": bank.config.api_key, "Authorization": f"Bearer {access}"},
    )
    parsed = read_statement(download.content)
    assert parsed.statements[0].account.iban == main["identification"]["iban"]
    month = f"{statement['year']}-{statement['month']:02d}"
    entries = [
        e
        for e in bank.visible_entries(bank.customer.accounts[0])
        if not bank.is_pending(e) and f"{e.books_on:%Y-%m}" == month
    ]
    assert {r.external_id for r in parsed.records} == {e.entry_reference for e in entries}
    balance = api(fake_bank, f"/my/accounts/{main['id']}/balance", access).json()["balances"][0]
    assert balance["amount"]["value"] == pytest.approx(
        float(abs(bank.balance(bank.customer.accounts[0])))
    )

"""The bank's answer is accepted once, in the browser that asked, while it is fresh."""

import uuid
from datetime import timedelta

import httpx
import pytest

from cashbook.kit.db import session_scope
from cashbook.models import BankConnection
from cashbook.models.base import utcnow
from tests.factories import signed_in_user


@pytest.fixture
async def other_browser(app):
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50001))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
        yield http


async def start(client, user) -> dict:
    response = await client.post("/bank/connections", headers=user.headers)
    assert response.status_code == 201, response.text
    assert "cashbook_bank_flow" in response.headers["set-cookie"]
    assert "HttpOnly" in response.headers["set-cookie"]
    return response.json()


def callback_path(location: str) -> str:
    url = httpx.URL(location)
    return f"{url.path}?{url.query.decode()}"


async def status_of(client, user, connection_id: str) -> dict:
    return (await client.get(f"/bank/connections/{connection_id}", headers=user.headers)).json()


async def test_the_authorisation_url_asks_for_offline_access_with_pkce(app, client, fake_bank):
    user = await signed_in_user(app, client, "url@example.com")
    started = await start(client, user)
    url = httpx.URL(started["authorization_url"])
    assert str(url).startswith(f"{fake_bank.url}/oauth/auth?")
    params = dict(url.params)
    assert params["scope"] == "siblings.accounts"
    assert params["access_type"] == "offline"
    assert params["response_type"] == "code"
    assert params["code_challenge_method"] == "S256" and len(params["code_challenge"]) == 43
    assert params["redirect_uri"] == "http://127.0.0.1:8000/bank/callback"
    assert started["status"] == "pending"


async def test_consent_finished_in_another_browser_is_not_attached(
    app, client, other_browser, fake_bank
):
    """Someone sends a victim their own authorisation link: the victim's bank consent must
    not land in the sender's Cashbook."""
    user = await signed_in_user(app, client, "sender@example.com")
    started = await start(client, user)
    back = fake_bank.approve(started["authorization_url"])
    landed = await other_browser.get(callback_path(back))
    assert landed.status_code == 303
    assert "bank_error=BANK_FLOW_OTHER_BROWSER" in landed.headers["location"]
    assert (await status_of(client, user, started["id"]))["status"] == "failed"
    # Nor can the right browser use that state afterwards: it works once.
    again = await client.get(callback_path(back))
    assert "bank_error=BANK_FLOW_UNKNOWN" in again.headers["location"]


async def test_a_refused_consent_and_unknown_or_stale_answers(app, client, fake_bank):
    user = await signed_in_user(app, client, "refuse@example.com")
    refused = await start(client, user)
    back = fake_bank.approve(refused["authorization_url"], decision="deny")
    landed = await client.get(callback_path(back))
    assert landed.headers["location"].startswith("http://127.0.0.1:8000/app/accounts?")
    assert "bank_error=access_denied" in landed.headers["location"]
    connection = await status_of(client, user, refused["id"])
    assert connection["status"] == "failed"
    assert connection["last_error"]["code"] == "access_denied"

    unknown = await client.get("/bank/callback?code=abc&state=never-issued")
    assert "bank_error=BANK_FLOW_UNKNOWN" in unknown.headers["location"]
    assert (
        "bank_error=BANK_FLOW_UNKNOWN" in (await client.get("/bank/callback")).headers["location"]
    )

    stale = await start(client, user)
    back = fake_bank.approve(stale["authorization_url"])
    async with session_scope(app.state.sessionmaker) as session:
        row = await session.get(BankConnection, uuid.UUID(stale["id"]))
        row.flow_expires_at = utcnow() - timedelta(seconds=1)
    late = await client.get(callback_path(back))
    assert "bank_error=BANK_FLOW_EXPIRED" in late.headers["location"]
    assert (await status_of(client, user, stale["id"]))["status"] == "failed"


async def test_a_code_the_bank_refuses_fails_the_connection(app, client, fake_bank):
    user = await signed_in_user(app, client, "code@example.com")
    started = await start(client, user)
    back = httpx.URL(fake_bank.approve(started["authorization_url"]))
    forged = back.copy_set_param("code", "not-the-code")
    landed = await client.get(callback_path(str(forged)))
    assert "bank_error=invalid_grant" in landed.headers["location"]
    assert (await status_of(client, user, started["id"]))["status"] == "failed"


async def test_an_unavailable_provider_is_a_clear_503(app, client, settings):
    settings.csas_client_id = ""
    user = await signed_in_user(app, client, "off@example.com")
    response = await client.post("/bank/connections", headers=user.headers)
    assert response.status_code == 503
    assert response.json()["detail"]["code"] == "BANK_NOT_CONFIGURED"
    providers = (await client.get("/bank/providers", headers=user.headers)).json()
    assert providers[0]["available"] is False
    unknown = await client.post("/bank/connections", json={"provider": "kb"}, headers=user.headers)
    assert unknown.status_code == 422

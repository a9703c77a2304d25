"""Defect 7: the fake bank the API mounts sends codes only to the API's own callback."""

import pytest

from cashbook.banking.provider import Pkce
from cashbook.banking.providers import FAKE_BANK_PATH
from tests.conftest import make_settings


@pytest.fixture
def settings(database_url, tmp_path):
    return make_settings(database_url, tmp_path / "data", env="development")


def consent(redirect_uri: str) -> dict[str, str]:
    return {
        "client_id": "cashbook-demo",
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": "siblings.accounts",
        "state": "s1",
        "code_challenge": Pkce.new().challenge,
        "code_challenge_method": "S256",
        "decision": "allow",
    }


async def test_an_unregistered_redirect_uri_gets_no_code(client):
    page = f"{FAKE_BANK_PATH}/oauth/auth"
    evil = await client.post(page, data=consent("https://evil.example/steal"))
    assert evil.status_code == 400
    assert "location" not in evil.headers
    shown = await client.get(page, params=consent("https://evil.example/steal"))
    assert shown.status_code == 400

    own = await client.post(page, data=consent("http://127.0.0.1:8000/bank/callback"))
    assert own.status_code == 302
    assert own.headers["location"].startswith("http://127.0.0.1:8000/bank/callback?")

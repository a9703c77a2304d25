"""`make run` with OIDC_* pointing at a local oidc-provider: a person signs in from the browser
and lands in the web app. Both run as processes, started the way a developer starts them."""

import os

import httpx
import pytest

from cashbook.auth.backends import SESSION_COOKIE
from tests.conftest import free_port
from tests.oidc import provider
from tests.oidc.browser import Browser
from tests.test_cli_and_server import server  # noqa: F401 - the `cashbook serve` fixture


@pytest.fixture
def env(tmp_path):
    """The server's environment, with a provider started from the environment alone."""
    provider.require_provider()
    port = free_port()
    public_url = f"http://127.0.0.1:{port}"
    process = provider.start(
        free_port(),
        None,
        tmp_path,
        env={"OIDC_REDIRECT_URIS": ",".join(provider.redirect_uris(public_url))},
    )
    yield {
        **os.environ,
        "CASHBOOK_DATA_DIR": str(tmp_path / "data"),
        "CASHBOOK_PORT": str(port),
        "OIDC_ISSUER_URL": process.issuer,
        "OIDC_CLIENT_ID": "cashbook",  # provider.mjs's defaults
        "OIDC_CLIENT_SECRET": "cashbook-secret",
        "OIDC_DISPLAY_NAME": "Local provider",
    }
    process.stop()


async def test_a_person_signs_in_through_the_provider_and_lands_in_the_web_app(server, env):  # noqa: F811
    async with httpx.AsyncClient(base_url=server, timeout=10) as http:
        providers = await http.get("/auth/providers")
        assert providers.json() == [{"name": "oidc", "display_name": "Local provider"}]

        person = Browser(http, env["OIDC_ISSUER_URL"], provider=http)
        response = await person.sign_in("dana")
        assert response.status_code == 303
        assert response.headers["location"] == f"{server}/app/"
        assert http.cookies.get(SESSION_COOKIE)
        me = await http.get("/users/me")
        assert me.status_code == 200
        assert me.json()["email"] == "dana@example.com"

"""The web app on its own host (app.example.org) calling the API (api.example.org): CORS with
credentials for its origin only, session and CSRF cookies scoped to the parent domain."""

import pytest

from cashbook.auth.backends import CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE
from tests.conftest import make_settings
from tests.factories import DEFAULT_PASSWORD, create_user

APP = "https://app.example.org"
OTHER = "https://admin.example.org"  # one more, from CASHBOOK_CORS_ORIGINS


@pytest.fixture
def settings(database_url, tmp_path):
    return make_settings(
        database_url,
        tmp_path / "data",
        public_url="https://api.example.org",
        web_url=APP,
        cookie_domain="example.org",
        cors_origins=[OTHER],
    )


def preflight(client, origin: str):
    return client.options(
        "/accounts",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": f"content-type,{CSRF_HEADER.lower()}",
        },
    )


@pytest.mark.parametrize("origin", [APP, OTHER])
async def test_the_web_apps_origins_may_call_with_credentials(client, origin):
    response = await preflight(client, origin)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == origin
    assert response.headers["access-control-allow-credentials"] == "true"
    assert CSRF_HEADER.lower() in response.headers["access-control-allow-headers"].lower()


@pytest.mark.parametrize("origin", ["https://evil.example", "https://app.example.org.evil.io"])
async def test_any_other_origin_is_refused(client, origin):
    response = await preflight(client, origin)
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


async def test_session_and_csrf_cookies_are_scoped_to_the_parent_domain(app, client):
    await create_user(app, "split@example.com")
    login = await client.post(
        "/auth/cookie/login",
        data={"username": "split@example.com", "password": DEFAULT_PASSWORD},
        headers={"Origin": APP},
    )
    assert login.status_code == 204, login.text
    assert login.headers["access-control-allow-origin"] == APP
    raw = dict(c.split(";", 1)[0].split("=", 1) for c in login.headers.get_list("set-cookie"))
    set_cookies = {c.split("=", 1)[0]: c.lower() for c in login.headers.get_list("set-cookie")}
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        assert "domain=example.org" in set_cookies[name]
        assert "samesite=lax" in set_cookies[name] and "secure" in set_cookies[name]

    # Logout clears them on the same domain (or the browser would keep them).
    session, csrf = raw[SESSION_COOKIE], raw[CSRF_COOKIE]
    logout = await client.post(
        "/auth/cookie/logout",
        headers={"Origin": APP, CSRF_HEADER: csrf,
                 "Cookie": f"{SESSION_COOKIE}={session}; {CSRF_COOKIE}={csrf}"},
    )  # fmt: skip
    assert logout.status_code == 204, logout.text
    cleared = {c.split("=", 1)[0]: c.lower() for c in logout.headers.get_list("set-cookie")}
    assert "domain=example.org" in cleared[SESSION_COOKIE]
    assert "max-age=0" in cleared[SESSION_COOKIE]

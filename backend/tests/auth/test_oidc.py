"""Sign-in with an OpenID provider, against a real one (npm oidc-provider) on loopback: the whole
browser flow, the API client's variant, linking, and every way a sign-in must be refused."""

from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi_users.router.oauth import generate_state_token
from pydantic import SecretStr
from sqlalchemy import func, select, update

from cashbook.app import create_app
from cashbook.auth.backends import CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE
from cashbook.auth.providers.flow import COOKIE_NAME
from cashbook.kit.db import session_scope
from cashbook.models import OAuthIdentity, User
from tests.auth.test_password_login import cookie_login
from tests.factories import create_user, link_token, read_mail, signed_in_user
from tests.oidc import provider
from tests.oidc.browser import Browser, query_of, with_query

WEB = "http://127.0.0.1:8000/app"
JSON = {"Accept": "application/json"}


@pytest.fixture
def settings(settings, database_url, oidc_provider, request):
    """The app's generic OIDC provider is the test provider; a test may pick another client."""
    changes = {
        "oidc_issuer_url": oidc_provider.issuer,
        "oidc_client_id": provider.CLIENT_ID,
        "oidc_client_secret": SecretStr(provider.CLIENT_SECRET),
        "oidc_display_name": "Test provider",
        **getattr(request, "param", {}),
    }
    return settings.model_copy(update=changes)


@pytest.fixture
async def browser(client, oidc_provider):
    async with Browser(client, oidc_provider.issuer) as person:
        yield person


def asgi_client(app) -> httpx.AsyncClient:
    """Another browser on the same app."""
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50001))
    return httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000")


async def count(app, model) -> int:
    async with session_scope(app.state.sessionmaker) as session:
        return await session.scalar(select(func.count()).select_from(model))


def assert_refused(response: httpx.Response, code: str, page: str = "sign-in") -> None:
    """The browser lands on the web app's error page, signed in nowhere."""
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"{WEB}/{page}?error={code}&provider=oidc"
    cookies = " ".join(response.headers.get_list("set-cookie"))
    assert f"{SESSION_COOKIE}=" not in cookies
    assert f'{COOKIE_NAME}=""' in cookies  # the state's cookie is spent


def assert_signed_in(response: httpx.Response) -> None:
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"{WEB}/"
    assert f"{SESSION_COOKIE}=" in " ".join(response.headers.get_list("set-cookie"))


# --- the flow that works -------------------------------------------------------------------


async def test_providers_are_listed_from_settings(client):
    response = await client.get("/auth/providers")
    assert response.json() == [{"name": "oidc", "display_name": "Test provider"}]


@pytest.mark.parametrize(
    "settings",
    [
        {
            "mojeid_client_id": "m",
            "mojeid_client_secret": SecretStr("m"),
            "bankid_client_id": "b",
            "bankid_client_secret": SecretStr("b"),
            "oidc_name": "keycloak",
            "oidc_display_name": "Company login",
        }
    ],
    indirect=True,
)
async def test_every_configured_provider_is_listed_without_contacting_it(client):
    response = await client.get("/auth/providers")
    assert response.json() == [
        {"name": "mojeid", "display_name": "MojeID"},
        {"name": "bankid", "display_name": "Bank iD"},
        {"name": "keycloak", "display_name": "Company login"},
    ]
    assert (await client.get("/auth/oidc/authorize")).status_code == 404


async def test_authorize_starts_a_code_flow_with_pkce_a_nonce_and_a_browser_bound_state(
    client, oidc_provider
):
    response = await client.get("/auth/oidc/authorize")
    assert response.status_code == 200
    url = response.json()["authorization_url"]
    assert url.startswith(f"{oidc_provider.issuer}/auth?")
    query = query_of(url)
    assert query["response_type"] == "code"
    assert query["client_id"] == provider.CLIENT_ID
    assert query["redirect_uri"] == "http://127.0.0.1:8000/auth/oidc/callback"
    assert query["scope"] == "openid email profile"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43  # base64url of a SHA-256: the verifier stays here
    assert query["nonce"] and query["state"]
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/auth" in cookie

    again = query_of((await client.get("/auth/oidc/authorize")).json()["authorization_url"])
    for key in ("state", "nonce", "code_challenge"):
        assert again[key] != query[key]


async def test_the_whole_browser_flow_creates_a_user_and_the_next_login_reuses_it(
    app, client, browser, oidc_provider
):
    response = await browser.sign_in("jana")
    assert_signed_in(response)
    assert COOKIE_NAME not in client.cookies
    me = await client.get("/users/me")
    assert me.status_code == 200
    body = me.json()
    assert (body["email"], body["first_name"], body["last_name"]) == (
        "jana@example.com",
        "Jana",
        "Tester",
    )
    assert body["is_verified"] is True  # the provider said email_verified

    identities = (await client.get("/users/me/identities")).json()
    assert [(i["provider"], i["display_name"]) for i in identities] == [("oidc", "Test provider")]
    async with session_scope(app.state.sessionmaker) as session:
        identity = await session.scalar(select(OAuthIdentity))
        user = await session.get(User, identity.user_id)
    assert (identity.issuer, identity.subject) == (oidc_provider.issuer, "jana")
    assert user.has_password is False

    # Signed out, and in again: the provider remembers the person, Cashbook the identity.
    await client.post("/auth/cookie/logout", headers={CSRF_HEADER: client.cookies[CSRF_COOKIE]})
    assert (await client.get("/users/me")).status_code == 401
    assert_signed_in(await browser.sign_in("jana"))
    assert (await client.get("/users/me")).json()["id"] == body["id"]
    assert await count(app, User) == 1
    assert await count(app, OAuthIdentity) == 1


async def test_an_api_client_gets_a_bearer_token_instead_of_a_redirect(app, client, browser):
    response = await browser.sign_in("api", headers=JSON)
    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "bearer"
    assert SESSION_COOKIE not in client.cookies
    headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
    assert (await client.get("/users/me", headers=headers)).json()["email"] == "api@example.com"

    url = await browser.at_provider(await browser.start(), "api")
    second = await browser.callback(with_query(url, response="json"))
    assert second.status_code == 200
    assert await count(app, User) == 1


async def test_an_unverified_email_makes_an_unverified_account_that_gets_a_verification_mail(
    client, browser, settings
):
    assert_signed_in(await browser.sign_in("unverified-new"))
    me = (await client.get("/users/me")).json()
    assert (me["email"], me["is_verified"]) == ("fresh@example.com", False)
    [mail] = read_mail(settings.data_dir)
    assert mail["To"] == "fresh@example.com"
    assert link_token(mail)


async def test_names_fall_back_to_the_full_name_claim(client, browser):
    assert_signed_in(await browser.sign_in("nameless"))
    me = (await client.get("/users/me")).json()
    assert (me["first_name"], me["last_name"]) == ("Ada", "Lovelace")


# --- refused: state, code, nonce -----------------------------------------------------------


async def test_a_callback_without_state_is_refused(app, browser):
    url = await browser.at_provider(await browser.start(), "nostate")
    assert_refused(await browser.callback(with_query(url, state=None)), "OAUTH_INVALID_STATE")
    assert await count(app, User) == 0


async def test_a_state_from_another_browser_is_refused(app, browser):
    url = await browser.at_provider(await browser.start(), "elsewhere")
    async with asgi_client(app) as other:
        # No cookie at all in the other browser...
        assert_refused(await other.get(url), "OAUTH_INVALID_STATE")
        # ...or the cookie of a sign-in that browser started itself.
        assert (await other.get("/auth/oidc/authorize")).status_code == 200
        assert_refused(await other.get(url), "OAUTH_INVALID_STATE")
        assert (await other.get("/users/me")).status_code == 401
    assert await count(app, User) == 0


async def test_a_forged_state_is_refused(app, client, browser):
    url = await browser.at_provider(await browser.start(), "forger")
    forged = generate_state_token(
        {"csrftoken": client.cookies[COOKIE_NAME], "provider": "oidc", "flow": "sign_in"},
        "not-the-server-key-at-all-0123456789",
    )
    assert_refused(await browser.callback(with_query(url, state=forged)), "OAUTH_INVALID_STATE")
    assert await count(app, User) == 0


async def test_a_replayed_authorisation_code_is_refused(app, client, browser):
    url = await browser.at_provider(await browser.start(), "replayed")
    cookie = client.cookies[COOKIE_NAME]
    assert_signed_in(await browser.callback(url))
    # The same browser: its state was spent with the first use.
    assert_refused(await browser.callback(url), "OAUTH_INVALID_STATE")
    # Someone who kept the state's cookie too: the provider refuses the used code.
    async with asgi_client(app) as thief:
        thief.cookies.set(COOKIE_NAME, cookie, domain="127.0.0.1", path="/auth")
        assert_refused(await thief.get(url), "OIDC_CODE_REJECTED")
        assert (await thief.get("/users/me")).status_code == 401


@pytest.mark.parametrize("nonce", ["a-nonce-of-another-sign-in", None], ids=["wrong", "missing"])
async def test_an_id_token_with_another_nonce_is_refused(app, browser, nonce):
    url = with_query(await browser.start(), nonce=nonce)
    response = await browser.callback(await browser.at_provider(url, "nonce"))
    assert_refused(response, "OIDC_NONCE_MISMATCH")
    assert await count(app, User) == 0


async def test_an_answer_naming_another_issuer_is_refused(app, browser):
    url = await browser.at_provider(await browser.start(), "mixup")
    assert query_of(url)["iss"]  # the provider names itself (RFC 9207)
    response = await browser.callback(with_query(url, iss="http://127.0.0.1:9/evil"))
    assert_refused(response, "OIDC_ISSUER_MISMATCH")


async def test_a_cancelled_sign_in_is_reported(browser, client):
    state = query_of(await browser.start())["state"]
    response = await browser.callback(
        f"/auth/oidc/callback?state={state}&error=access_denied", headers=JSON
    )
    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "OIDC_AUTHORIZATION_FAILED"
    assert "cancelled" in response.json()["detail"]["reason"]


# --- refused: the ID token itself ----------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "code"),
    [
        ({"oidc_client_id": "tamper-aud"}, "OIDC_ID_TOKEN_AUDIENCE"),
        ({"oidc_client_id": "tamper-iss"}, "OIDC_ID_TOKEN_ISSUER"),
        ({"oidc_client_id": "tamper-exp"}, "OIDC_ID_TOKEN_EXPIRED"),
        ({"oidc_client_id": "tamper-key"}, "OIDC_ID_TOKEN_SIGNATURE"),
        ({"oidc_client_id": "tamper-none"}, "OIDC_ID_TOKEN_SIGNATURE"),
    ],
    indirect=["settings"],
    ids=["another-audience", "another-issuer", "expired", "unpublished-key", "unsigned"],
)
async def test_a_bad_id_token_is_refused(app, client, browser, code):
    response = await browser.sign_in("victim")
    assert_refused(response, code)
    assert (await client.get("/users/me")).status_code == 401
    assert await count(app, User) == 0
    assert await count(app, OAuthIdentity) == 0


# --- refused: an email that already has an account -----------------------------------------


@pytest.mark.parametrize("login", ["unverified-taken", "verified-taken"])
async def test_an_email_of_an_existing_account_is_neither_linked_nor_signed_in(
    app, client, browser, login
):
    owner = await signed_in_user(app, client, "taken@example.com")
    response = await browser.sign_in(login)
    assert_refused(response, "OIDC_EMAIL_IN_USE")
    assert (await client.get("/users/me")).status_code == 401
    assert await count(app, User) == 1
    assert await count(app, OAuthIdentity) == 0
    # As JSON, the refusal says what to do instead.
    explained = await browser.sign_in(login, headers=JSON)
    assert explained.status_code == 409
    assert "Sign in with your password, then link" in explained.json()["detail"]["reason"]
    # The account is untouched and still its owner's.
    me = await client.get("/users/me", headers=owner.headers)
    assert me.json()["email"] == "taken@example.com"
    assert (await client.get("/users/me/identities", headers=owner.headers)).json() == []


async def test_a_deactivated_account_cannot_sign_in_with_its_provider(app, client, browser):
    assert_signed_in(await browser.sign_in("gone"))
    async with session_scope(app.state.sessionmaker) as session:
        await session.execute(update(User).values(is_active=False))
    await client.post("/auth/cookie/logout", headers={CSRF_HEADER: client.cookies[CSRF_COOKIE]})
    assert_refused(await browser.sign_in("gone"), "ACCOUNT_INACTIVE")


# --- linking a provider to an account --------------------------------------------------------


async def test_a_password_account_links_a_provider_and_then_signs_in_with_it(app, client, browser):
    await create_user(app, "owner@example.com")
    await cookie_login(client, "owner@example.com")
    url = await browser.at_provider(await browser.start(link=True), "linker")
    response = await browser.callback(url)
    assert response.status_code == 303
    assert response.headers["location"] == f"{WEB}/settings?linked=oidc"

    [identity] = (await client.get("/users/me/identities")).json()
    assert identity["provider"] == "oidc"
    await client.post("/auth/cookie/logout", headers={CSRF_HEADER: client.cookies[CSRF_COOKIE]})
    assert_signed_in(await browser.sign_in("linker"))
    assert (await client.get("/users/me")).json()["email"] == "owner@example.com"
    assert await count(app, User) == 1

    # An account with a password may unlink its provider.
    deleted = await client.delete(
        f"/users/me/identities/{identity['id']}",
        headers={CSRF_HEADER: client.cookies[CSRF_COOKIE]},
    )
    assert deleted.status_code == 204
    assert (await client.get("/users/me/identities")).json() == []


async def test_linking_needs_a_signed_in_person(client, browser):
    assert (await client.get("/auth/oidc/associate/authorize")).status_code == 401


async def test_an_identity_linked_to_another_account_is_not_moved(app, client, browser):
    assert_signed_in(await browser.sign_in("shared"))  # creates its own account
    await client.post("/auth/cookie/logout", headers={CSRF_HEADER: client.cookies[CSRF_COOKIE]})
    await create_user(app, "second@example.com")
    await cookie_login(client, "second@example.com")
    url = await browser.at_provider(await browser.start(link=True), "shared")
    assert_refused(await browser.callback(url), "OIDC_IDENTITY_IN_USE", page="settings")
    assert (await client.get("/users/me/identities")).json() == []
    assert await count(app, OAuthIdentity) == 1


async def test_a_link_started_by_another_account_is_refused(app, client, browser):
    await create_user(app, "starter@example.com")
    await cookie_login(client, "starter@example.com")
    url = await browser.at_provider(await browser.start(link=True), "hijack")
    cookie = client.cookies[COOKIE_NAME]
    await create_user(app, "victim@example.com")
    async with asgi_client(app) as victim:
        await cookie_login(victim, "victim@example.com")
        victim.cookies.set(COOKIE_NAME, cookie, domain="127.0.0.1", path="/auth")
        response = await victim.get(url, headers=JSON)
    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "OAUTH_INVALID_STATE"
    assert "another account" in response.json()["detail"]["reason"]
    assert await count(app, OAuthIdentity) == 0


async def test_a_sign_in_state_does_not_link(app, client, browser):
    await create_user(app, "owner2@example.com")
    await cookie_login(client, "owner2@example.com")
    url = await browser.at_provider(await browser.start(), "crossflow")
    linked = url.replace("/auth/oidc/callback", "/auth/oidc/associate/callback")
    assert_refused(await browser.callback(linked), "OAUTH_INVALID_STATE", page="settings")
    assert await count(app, OAuthIdentity) == 0


# --- linked identities: only one's own, never the last way in ------------------------------


async def test_identities_of_another_user_are_out_of_reach(app, client, browser):
    token = (await browser.sign_in("first", headers=JSON)).json()["access_token"]
    first = {"Authorization": f"Bearer {token}"}
    [identity] = (await client.get("/users/me/identities", headers=first)).json()
    second = await signed_in_user(app, client, "second@example.com")

    assert (await client.get("/users/me/identities", headers=second.headers)).json() == []
    response = await client.delete(f"/users/me/identities/{identity['id']}", headers=second.headers)
    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "IDENTITY_NOT_FOUND"
    assert len((await client.get("/users/me/identities", headers=first)).json()) == 1
    assert (await client.get("/users/me/identities")).status_code == 401
    bad = await client.delete("/users/me/identities/not-a-uuid", headers=first)
    assert bad.status_code == 422


async def test_the_only_way_to_sign_in_is_kept_until_a_password_is_set(
    app, client, browser, settings
):
    token = (await browser.sign_in("lonely", headers=JSON)).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    [identity] = (await client.get("/users/me/identities", headers=headers)).json()
    path = f"/users/me/identities/{identity['id']}"

    refused = await client.delete(path, headers=headers)
    assert refused.status_code == 409
    assert refused.json()["detail"]["code"] == "LAST_SIGN_IN_METHOD"

    # "Forgot password" gives the account a password of its own; then the provider may go.
    await client.post("/auth/forgot-password", json={"email": "lonely@example.com"})
    token = link_token(read_mail(settings.data_dir)[-1])
    reset = await client.post(
        "/auth/reset-password", json={"token": token, "password": "a brand new passphrase"}
    )
    assert reset.status_code == 200
    login = await client.post(
        "/auth/jwt/login",
        data={"username": "lonely@example.com", "password": "a brand new passphrase"},
    )
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    assert (await client.delete(path, headers=headers)).status_code == 204


# --- unknown providers, providers that are down ---------------------------------------------


async def test_an_unknown_provider_is_404_and_a_malformed_name_422(client):
    response = await client.get("/auth/nobody/authorize")
    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "OIDC_PROVIDER_NOT_FOUND"
    assert (await client.get("/auth/nobody/callback")).status_code == 404
    assert (await client.get("/auth/NOT_A_NAME!/authorize")).status_code == 422


@asynccontextmanager
async def app_with(settings, **changes):
    application = create_app(settings.model_copy(update=changes))
    try:
        transport = httpx.ASGITransport(app=application, client=("127.0.0.1", 50002))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as c:
            yield c
    finally:
        await application.state.engine.dispose()


async def test_a_provider_that_is_down_leaves_the_api_and_the_list_working(app, settings):
    from tests.conftest import free_port

    nobody_listens = f"http://127.0.0.1:{free_port()}"
    async with app_with(settings, oidc_issuer_url=nobody_listens) as client:
        assert (await client.get("/healthz")).status_code == 200
        providers = await client.get("/auth/providers")
        assert providers.json() == [{"name": "oidc", "display_name": "Test provider"}]
        response = await client.get("/auth/oidc/authorize")
        assert response.status_code == 503
        assert response.json()["detail"]["code"] == "OIDC_PROVIDER_UNAVAILABLE"
        assert "Test provider cannot be reached right now" in response.json()["detail"]["reason"]
        assert int(response.headers["retry-after"]) >= 1
        assert COOKIE_NAME not in client.cookies

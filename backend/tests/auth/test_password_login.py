"""Registration and sign-in exactly as the seed documents them, plus the browser session."""

from cashbook.auth.backends import CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE
from tests.factories import DEFAULT_PASSWORD, create_user, read_mail

SEED_USER = {
    "email": "jana@example.com",
    "password": "correct horse battery",
    "first_name": "Jana",
    "last_name": "Nováková",
}


async def test_seed_usage_register_login_me(client):
    registered = await client.post("/auth/register", json=SEED_USER)
    assert registered.status_code == 201
    assert "hashed_password" not in registered.json()

    login = await client.post(
        "/auth/jwt/login", data={"username": SEED_USER["email"], "password": SEED_USER["password"]}
    )
    assert login.status_code == 200
    assert login.json()["token_type"] == "bearer"

    me = await client.get(
        "/users/me", headers={"Authorization": f"Bearer {login.json()['access_token']}"}
    )
    assert me.status_code == 200
    body = me.json()
    assert (body["email"], body["first_name"], body["last_name"]) == (
        "jana@example.com",
        "Jana",
        "Nováková",
    )
    assert body["is_verified"] is False


async def test_registering_twice_is_refused(client):
    assert (await client.post("/auth/register", json=SEED_USER)).status_code == 201
    again = await client.post("/auth/register", json=SEED_USER)
    assert again.status_code == 400
    assert again.json() == {"detail": "REGISTER_USER_ALREADY_EXISTS"}


async def test_registration_ignores_privilege_fields(client):
    response = await client.post(
        "/auth/register", json={**SEED_USER, "is_superuser": True, "is_verified": True}
    )
    assert response.status_code == 201
    assert response.json()["is_superuser"] is False
    assert response.json()["is_verified"] is False


async def test_password_policy(client, settings):
    cases = {
        "nine-char": "at least 10 characters",
        "jana@example.com": "must not be your email",
        "Password123": "too common",
    }
    for password, reason in cases.items():
        response = await client.post("/auth/register", json={**SEED_USER, "password": password})
        assert response.status_code == 400, password
        detail = response.json()["detail"]
        assert detail["code"] == "REGISTER_INVALID_PASSWORD"
        assert reason in detail["reason"]
    assert read_mail(settings.data_dir) == []


async def test_wrong_password_is_bad_credentials(app, client):
    await create_user(app, "eva@example.com")
    response = await client.post(
        "/auth/jwt/login", data={"username": "eva@example.com", "password": "nope nope nope"}
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "LOGIN_BAD_CREDENTIALS"}


async def test_inactive_user_cannot_sign_in(app, client):
    user = await create_user(app, "gone@example.com")
    admin = await create_user(app, "root@example.com", superuser=True)
    login = await client.post(
        "/auth/jwt/login", data={"username": admin.email, "password": DEFAULT_PASSWORD}
    )
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    assert (
        await client.patch(f"/users/{user.id}", json={"is_active": False}, headers=headers)
    ).status_code == 200
    refused = await client.post(
        "/auth/jwt/login", data={"username": user.email, "password": DEFAULT_PASSWORD}
    )
    assert refused.json() == {"detail": "LOGIN_BAD_CREDENTIALS"}


async def test_bearer_token_is_required_and_checked(client):
    assert (await client.get("/users/me")).status_code == 401
    forged = await client.get("/users/me", headers={"Authorization": "Bearer not-a-token"})
    assert forged.status_code == 401
    assert forged.json() == {"detail": "Unauthorized"}


async def cookie_login(client, email: str, password: str = DEFAULT_PASSWORD):
    response = await client.post(
        "/auth/cookie/login", data={"username": email, "password": password}
    )
    assert response.status_code == 204, response.text
    return response


async def test_cookie_session_is_httponly_lax_and_csrf_protected(app, client):
    await create_user(app, "cookie@example.com")
    response = await cookie_login(client, "cookie@example.com")
    cookies = {c.split("=", 1)[0]: c.lower() for c in response.headers.get_list("set-cookie")}
    assert "httponly" in cookies[SESSION_COOKIE] and "samesite=lax" in cookies[SESSION_COOKIE]
    assert "httponly" not in cookies[CSRF_COOKIE]
    # Plain-HTTP loopback is the only place cookies may go without Secure.
    assert "secure" not in cookies[SESSION_COOKIE]

    assert (await client.get("/users/me")).status_code == 200

    unsafe = await client.patch("/users/me", json={"first_name": "Mallory"})
    assert unsafe.status_code == 403
    assert unsafe.json()["detail"]["code"] == "CSRF_FAILED"
    wrong = await client.patch(
        "/users/me", json={"first_name": "Mallory"}, headers={CSRF_HEADER: "0" * 64}
    )
    assert wrong.status_code == 403

    token = client.cookies[CSRF_COOKIE]
    allowed = await client.patch(
        "/users/me", json={"first_name": "Cora"}, headers={CSRF_HEADER: token}
    )
    assert allowed.status_code == 200
    assert allowed.json()["first_name"] == "Cora"


async def test_csrf_token_of_another_session_is_refused(app, client):
    await create_user(app, "one@example.com")
    await create_user(app, "two@example.com")
    await cookie_login(client, "two@example.com")
    other_token = client.cookies[CSRF_COOKIE]
    await cookie_login(client, "one@example.com")
    response = await client.patch(
        "/users/me", json={"first_name": "X"}, headers={CSRF_HEADER: other_token}
    )
    assert response.status_code == 403


async def test_secure_cookies_outside_loopback(app, client):
    app.state.settings.public_url = "https://cashbook.example.com"
    await create_user(app, "secure@example.com")
    response = await client.post(
        "/auth/cookie/login", data={"username": "secure@example.com", "password": DEFAULT_PASSWORD}
    )
    assert all("secure" in c.lower() for c in response.headers.get_list("set-cookie"))


async def test_logout_revokes_the_session_on_the_server(app, client):
    await create_user(app, "bye@example.com")
    await cookie_login(client, "bye@example.com")
    session_token = client.cookies[SESSION_COOKIE]
    csrf = client.cookies[CSRF_COOKIE]

    logout = await client.post("/auth/cookie/logout", headers={CSRF_HEADER: csrf})
    assert logout.status_code == 204
    # A copy of the old cookie is worthless now: the server forgot the session.
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, session_token)
    assert (await client.get("/users/me")).status_code == 401


async def test_bearer_request_is_not_blocked_by_a_stale_cookie(app, client):
    await create_user(app, "both@example.com")
    await cookie_login(client, "both@example.com")
    login = await client.post(
        "/auth/jwt/login", data={"username": "both@example.com", "password": DEFAULT_PASSWORD}
    )
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    response = await client.patch("/users/me", json={"last_name": "Api"}, headers=headers)
    assert response.status_code == 200

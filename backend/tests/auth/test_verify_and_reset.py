"""Verification and password reset through the links in the emails."""

from cashbook.auth.backends import CSRF_COOKIE, CSRF_HEADER
from tests.factories import DEFAULT_PASSWORD, create_user, link_token, mail_text, read_mail

NEW_USER = {
    "email": "karel@example.com",
    "password": "a long new password",
    "first_name": "Karel",
    "last_name": "Hora",
}


async def test_registration_sends_a_verification_link_to_the_web_app(client, settings):
    assert (await client.post("/auth/register", json=NEW_USER)).status_code == 201
    [message] = read_mail(settings.data_dir)
    assert message["To"] == "karel@example.com"
    body = mail_text(message)
    assert "http://127.0.0.1:8000/app/verify?token=" in body

    verified = await client.post("/auth/verify", json={"token": link_token(message)})
    assert verified.status_code == 200
    assert verified.json()["is_verified"] is True

    again = await client.post("/auth/verify", json={"token": link_token(message)})
    assert again.json() == {"detail": "VERIFY_USER_ALREADY_VERIFIED"}


async def test_password_reset_changes_the_password_and_ends_sessions(app, client, settings):
    await create_user(app, "reset@example.com")
    await client.post(
        "/auth/cookie/login", data={"username": "reset@example.com", "password": DEFAULT_PASSWORD}
    )
    assert (await client.get("/users/me")).status_code == 200

    assert (
        await client.post("/auth/forgot-password", json={"email": "reset@example.com"})
    ).status_code == 202
    [message] = read_mail(settings.data_dir)
    assert "/app/reset-password?token=" in mail_text(message)
    token = link_token(message)

    weak = await client.post("/auth/reset-password", json={"token": token, "password": "short"})
    assert weak.status_code == 400
    done = await client.post(
        "/auth/reset-password", json={"token": token, "password": "brand new passphrase"}
    )
    assert done.status_code == 200

    # The browser session opened with the old password is gone.
    assert (await client.get("/users/me")).status_code == 401
    old = await client.post(
        "/auth/jwt/login", data={"username": "reset@example.com", "password": DEFAULT_PASSWORD}
    )
    assert old.status_code == 400
    new = await client.post(
        "/auth/jwt/login",
        data={"username": "reset@example.com", "password": "brand new passphrase"},
    )
    assert new.status_code == 200
    # A reset link works once.
    reused = await client.post(
        "/auth/reset-password", json={"token": token, "password": "another passphrase"}
    )
    assert reused.json() == {"detail": "RESET_PASSWORD_BAD_TOKEN"}


async def test_mail_goes_over_smtp_when_configured(app, client, settings, smtp_server):
    settings.smtp_host, settings.smtp_port = smtp_server.hostname, smtp_server.port
    assert (await client.post("/auth/register", json=NEW_USER)).status_code == 201
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["karel@example.com"]
    assert b"/app/verify?token=" in envelope.content
    assert read_mail(settings.data_dir) == []


async def test_cookie_user_changes_password_and_other_sessions_end(app, client):
    await create_user(app, "multi@example.com")
    other = await client.post(
        "/auth/jwt/login", data={"username": "multi@example.com", "password": DEFAULT_PASSWORD}
    )
    assert other.status_code == 200
    first = await client.post(
        "/auth/cookie/login", data={"username": "multi@example.com", "password": DEFAULT_PASSWORD}
    )
    old_cookie = first.cookies
    await client.post(
        "/auth/cookie/login", data={"username": "multi@example.com", "password": DEFAULT_PASSWORD}
    )
    change = await client.patch(
        "/users/me",
        json={"password": "the next passphrase", "current_password": DEFAULT_PASSWORD},
        headers={CSRF_HEADER: client.cookies[CSRF_COOKIE]},
    )
    assert change.status_code == 200
    assert (await client.get("/users/me")).status_code == 200
    client.cookies.clear()
    client.cookies.update(old_cookie)
    assert (await client.get("/users/me")).status_code == 401

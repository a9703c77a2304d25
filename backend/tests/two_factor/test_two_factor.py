"""Two-factor sign-in: setup, sign-in with a code, wrong and replayed codes, recovery codes,
throttling, turning it off. The clock is pinned so a code's time step is known."""

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlalchemy import select

from cashbook.auth.backends import SESSION_COOKIE
from cashbook.kit.db import session_scope
from cashbook.models import User
from cashbook.two_factor import service as two_factor
from tests.factories import DEFAULT_PASSWORD, signed_in_user

NOW = datetime(2026, 12, 6, 12, 0, 5, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """The server's clock; `clock.now` can be moved by the test."""

    class Clock:
        now = NOW

    monkeypatch.setattr(two_factor, "utcnow", lambda: Clock.now)
    return Clock


def code_at(secret: str, moment: datetime) -> str:
    return pyotp.TOTP(secret).at(moment)


async def login(client, email: str, password: str = DEFAULT_PASSWORD, otp: str | None = None):
    data = {"username": email, "password": password}
    if otp is not None:
        data["otp"] = otp
    return await client.post("/auth/jwt/login", data=data)


async def enable(client, user) -> tuple[str, list[str]]:
    """Set up two-factor sign-in for `user`; returns the secret and the recovery codes."""
    setup = await client.post("/users/me/two-factor/setup", headers=user.headers)
    assert setup.status_code == 200, setup.text
    body = setup.json()
    assert body["otpauth_uri"].startswith("otpauth://totp/Cashbook:")
    assert body["qr_svg"].startswith("data:image/svg+xml")
    secret = body["secret"]
    confirm = await client.post(
        "/users/me/two-factor/confirm",
        json={"code": code_at(secret, NOW)},
        headers=user.headers,
    )
    assert confirm.status_code == 200, confirm.text
    return secret, confirm.json()["codes"]


async def test_setup_then_sign_in_needs_the_code(app, client, clock):
    user = await signed_in_user(app, client, "two@example.com")
    wrong = await client.post(
        "/users/me/two-factor/confirm", json={"code": "000000"}, headers=user.headers
    )
    assert wrong.status_code == 409  # not set up yet
    secret, codes = await enable(client, user)
    assert len(codes) == 10 and len(set(codes)) == 10
    status = await client.get("/users/me/two-factor", headers=user.headers)
    assert status.json() == {"enabled": True, "recovery_codes_left": 10}

    # The secret is stored encrypted, not as the base32 text the app was given.
    async with session_scope(app.state.sessionmaker) as session:
        stored = (await session.execute(select(User.totp_secret))).scalar_one()
    assert secret.encode() not in stored

    missing = await login(client, user.email)
    assert missing.status_code == 401
    assert missing.json()["detail"]["code"] == "LOGIN_TOTP_REQUIRED"

    later = NOW + timedelta(seconds=30)
    clock.now = later
    ok = await login(client, user.email, otp=code_at(secret, later))
    assert ok.status_code == 200, ok.text

    cookie = await client.post(
        "/auth/cookie/login",
        data={"username": user.email, "password": DEFAULT_PASSWORD},
    )
    assert cookie.status_code == 401
    assert SESSION_COOKIE not in cookie.cookies


async def test_wrong_and_replayed_codes_are_refused(app, client, clock):
    user = await signed_in_user(app, client, "replay@example.com")
    secret, _ = await enable(client, user)

    # The code that confirmed the setup was used in this step already.
    replay = await login(client, user.email, otp=code_at(secret, NOW))
    assert replay.status_code == 400
    assert replay.json()["detail"] == "LOGIN_TOTP_INVALID"

    clock.now = NOW + timedelta(seconds=30)
    fresh = code_at(secret, clock.now)
    assert (await login(client, user.email, otp=fresh)).status_code == 200
    assert (await login(client, user.email, otp=fresh)).status_code == 400  # same step again
    wrong = "123456" if fresh != "123456" else "654321"
    assert (await login(client, user.email, otp=wrong)).status_code == 400
    # A code from long ago (outside one step of drift) is refused too.
    old = code_at(secret, NOW - timedelta(minutes=5))
    assert (await login(client, user.email, otp=old)).status_code == 400
    # A wrong password never reveals that a code would be asked for.
    assert (await login(client, user.email, password="not the password")).status_code == 400


async def test_a_recovery_code_works_once(app, client, clock):
    user = await signed_in_user(app, client, "recover@example.com")
    _, codes = await enable(client, user)

    first = await login(client, user.email, otp=codes[0].upper().replace("-", " "))
    assert first.status_code == 200, first.text
    again = await login(client, user.email, otp=codes[0])
    assert again.status_code == 400
    status = await client.get("/users/me/two-factor", headers=user.headers)
    assert status.json()["recovery_codes_left"] == 9


async def test_wrong_codes_count_toward_the_login_throttle(app, client, clock, settings):
    user = await signed_in_user(app, client, "guess@example.com")
    secret, _ = await enable(client, user)
    for guess in range(settings.login_max_failures):
        response = await login(client, user.email, otp=f"{guess:06d}-x")
        assert response.status_code == 400
    clock.now = NOW + timedelta(seconds=30)
    right = await login(client, user.email, otp=code_at(secret, clock.now))
    assert right.status_code == 429
    assert right.json()["detail"]["code"] == "LOGIN_TOO_MANY_ATTEMPTS"


async def test_turning_it_off_needs_password_and_code(app, client, clock):
    user = await signed_in_user(app, client, "off@example.com")
    secret, codes = await enable(client, user)
    path = "/users/me/two-factor/disable"

    clock.now = NOW + timedelta(seconds=30)
    bad_password = await client.post(
        path,
        json={"password": "not it at all", "code": code_at(secret, clock.now)},
        headers=user.headers,
    )
    assert bad_password.status_code == 400
    assert bad_password.json()["detail"]["code"] == "WRONG_CURRENT_PASSWORD"
    bad_code = await client.post(
        path, json={"password": DEFAULT_PASSWORD, "code": "000000"}, headers=user.headers
    )
    assert bad_code.status_code == 400
    assert bad_code.json()["detail"]["code"] == "TWO_FACTOR_CODE_INVALID"

    off = await client.post(
        path, json={"password": DEFAULT_PASSWORD, "code": codes[1]}, headers=user.headers
    )
    assert off.status_code == 204
    assert (await login(client, user.email)).status_code == 200
    status = await client.get("/users/me/two-factor", headers=user.headers)
    assert status.json() == {"enabled": False, "recovery_codes_left": 0}


async def test_another_users_two_factor_is_untouched(app, client, clock):
    owner = await signed_in_user(app, client, "owner2fa@example.com")
    other = await signed_in_user(app, client, "other2fa@example.com")
    _, codes = await enable(client, owner)
    # The other person's recovery-code check never consumes the owner's codes.
    renew = await client.post(
        "/users/me/two-factor/recovery-codes", json={"code": codes[0]}, headers=other.headers
    )
    assert renew.status_code == 409
    assert (await client.get("/users/me/two-factor", headers=other.headers)).json() == {
        "enabled": False,
        "recovery_codes_left": 0,
    }
    assert (await login(client, owner.email, otp=codes[0])).status_code == 200

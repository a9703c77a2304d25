"""Failed sign-ins are limited per account and per address, and no answer tells whether an
email has an account."""

from sqlalchemy import update

from cashbook.kit.db import session_scope
from cashbook.models import LoginFailure
from cashbook.models.base import utcnow
from tests.factories import DEFAULT_PASSWORD, create_user


async def login(client, email: str, password: str):
    return await client.post("/auth/jwt/login", data={"username": email, "password": password})


async def age_failures(app, seconds: int) -> None:
    from datetime import timedelta

    async with session_scope(app.state.sessionmaker) as session:
        await session.execute(
            update(LoginFailure).values(created_at=utcnow() - timedelta(seconds=seconds))
        )


async def test_twelve_wrong_passwords_lock_the_account_until_the_window_passes(app, client):
    await create_user(app, "target@example.com")
    statuses = [
        (await login(client, "target@example.com", f"wrong-guess-{i}")).status_code
        for i in range(12)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429, 429]

    right = await login(client, "target@example.com", DEFAULT_PASSWORD)
    assert right.status_code == 429
    assert right.json()["detail"]["code"] == "LOGIN_TOO_MANY_ATTEMPTS"
    assert 0 < int(right.headers["retry-after"]) <= 900

    await age_failures(app, 16 * 60)
    assert (await login(client, "target@example.com", DEFAULT_PASSWORD)).status_code == 200


async def test_lock_is_per_account(app, client):
    await create_user(app, "locked@example.com")
    await create_user(app, "other@example.com")
    for i in range(10):
        await login(client, "locked@example.com", f"bad-{i}")
    assert (await login(client, "locked@example.com", DEFAULT_PASSWORD)).status_code == 429
    assert (await login(client, "other@example.com", DEFAULT_PASSWORD)).status_code == 200


async def test_email_case_and_spaces_do_not_escape_the_lock(app, client):
    await create_user(app, "case@example.com")
    for i in range(10):
        email = "CASE@example.com " if i % 2 else "case@EXAMPLE.com"
        await login(client, email, f"bad-{i}")
    assert (await login(client, "case@example.com", DEFAULT_PASSWORD)).status_code == 429


async def test_per_address_limit_across_accounts(app, client):
    app.state.settings.login_max_failures_per_ip = 5
    await create_user(app, "victim@example.com")
    for i in range(5):
        assert (await login(client, f"spray{i}@example.com", "Winter2025!!")).status_code == 400
    assert (await login(client, "victim@example.com", DEFAULT_PASSWORD)).status_code == 429


async def test_success_clears_the_account_count(app, client):
    await create_user(app, "forgetful@example.com")
    for i in range(9):
        await login(client, "forgetful@example.com", f"bad-{i}")
    assert (await login(client, "forgetful@example.com", DEFAULT_PASSWORD)).status_code == 200
    for i in range(9):
        assert (await login(client, "forgetful@example.com", f"bad-again-{i}")).status_code == 400


async def test_login_answers_identically_for_known_and_unknown_emails(app, client):
    await create_user(app, "known@example.com")
    known = [await login(client, "known@example.com", "wrong password x") for _ in range(11)]
    unknown = [await login(client, "nobody@example.com", "wrong password x") for _ in range(11)]
    assert [(r.status_code, r.json()) for r in known] == [
        (r.status_code, r.json()) for r in unknown
    ]
    assert known[-1].status_code == 429


async def test_forgot_password_and_verify_answer_identically(app, client, settings):
    await create_user(app, "known@example.com")
    for path in ("/auth/forgot-password", "/auth/request-verify-token"):
        known = await client.post(path, json={"email": "known@example.com"})
        unknown = await client.post(path, json={"email": "unknown@example.com"})
        assert (known.status_code, known.content) == (unknown.status_code, unknown.content)
        assert known.status_code == 202

    for token in ("garbage", "eyJhbGciOiJIUzI1NiJ9.e30.invalid"):
        response = await client.post("/auth/verify", json={"token": token})
        assert response.status_code == 400
        assert response.json() == {"detail": "VERIFY_USER_BAD_TOKEN"}

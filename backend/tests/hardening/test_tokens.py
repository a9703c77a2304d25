"""Defects 6 and 8: a copy of the database signs nobody in, and every access token expires."""

import jwt
from sqlalchemy import select

from cashbook.auth.backends import SESSION_COOKIE
from cashbook.kit.db import session_scope
from cashbook.models import SessionToken
from tests.conftest import TEST_SECRET
from tests.factories import DEFAULT_PASSWORD, create_user


async def test_session_table_holds_digests_not_the_cookies_tokens(app, client):
    await create_user(app, "wal@example.com")
    login = await client.post(
        "/auth/cookie/login", data={"username": "wal@example.com", "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 204
    cookie = login.cookies[SESSION_COOKIE]
    async with session_scope(app.state.sessionmaker) as session:
        stored = (await session.scalars(select(SessionToken.token))).all()
    assert stored == [SessionToken.digest(cookie)]
    assert cookie not in stored

    # What the tester did with the token read from the WAL: present it as a cookie.
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, stored[0])
    assert (await client.get("/users/me")).status_code == 401
    client.cookies.set(SESSION_COOKIE, cookie)
    assert (await client.get("/users/me")).status_code == 200


async def test_a_jwt_without_exp_is_refused(app, client):
    user = await create_user(app, "forever@example.com")
    claims = {"sub": str(user.id), "aud": ["fastapi-users:auth"]}
    forever = jwt.encode(claims, TEST_SECRET, algorithm="HS256")
    response = await client.get("/users/me", headers={"Authorization": f"Bearer {forever}"})
    assert response.status_code == 401

    login = await client.post(
        "/auth/jwt/login", data={"username": "forever@example.com", "password": DEFAULT_PASSWORD}
    )
    issued = login.json()["access_token"]
    assert "exp" in jwt.decode(issued, options={"verify_signature": False})
    ok = await client.get("/users/me", headers={"Authorization": f"Bearer {issued}"})
    assert ok.status_code == 200

"""Audited impersonation: start, act, refresh, stop; every request in the audit log with
actor and subject; the 30-minute end; never as another administrator; the person's Settings
list shows each access."""

from datetime import timedelta

import jwt
from sqlalchemy import update

from cashbook.admin.impersonation import IMPERSONATION_COOKIE
from cashbook.auth.backends import CSRF_COOKIE, CSRF_HEADER
from cashbook.kit.db import session_scope
from cashbook.models import Impersonation
from cashbook.models.base import utcnow
from tests.factories import DEFAULT_PASSWORD, create_account, signed_in_user

REASON = "Ticket 42: the budget screen shows nothing"


async def start(client, admin, subject_id: str, reason: str = REASON):
    return await client.post(
        f"/admin/users/{subject_id}/impersonate", json={"reason": reason}, headers=admin.headers
    )


async def test_start_act_refresh_stop_and_every_request_is_audited(app, client):
    admin = await signed_in_user(app, client, "root@example.com", superuser=True)
    person = await signed_in_user(app, client, "jana@example.com")
    await create_account(client, person, name="Everyday")

    started = await start(client, admin, person.id)
    assert started.status_code == 200, started.text
    token = started.json()["access_token"]
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["act"] == {"sub": admin.id} and claims["sub"] == person.id
    assert utcnow().timestamp() + 30 * 60 + 5 >= claims["exp"]
    acting = {"Authorization": f"Bearer {token}"}

    accounts = await client.get("/accounts", headers=acting)
    assert [a["name"] for a in accounts.json()] == ["Everyday"]
    banner = await client.get("/users/me/impersonation", headers=acting)
    assert banner.json()["actor_email"] == "root@example.com"
    assert banner.json()["subject_email"] == "jana@example.com"
    # Not while impersonating: the administration itself.
    assert (await client.get("/admin/users", headers=acting)).status_code == 403

    refreshed = await client.post("/auth/jwt/refresh", headers=acting)
    assert refreshed.status_code == 200
    new_claims = jwt.decode(refreshed.json()["access_token"], options={"verify_signature": False})
    assert new_claims["act"] == {"sub": admin.id}
    assert new_claims["imp"] == claims["imp"]
    acting = {"Authorization": f"Bearer {refreshed.json()['access_token']}"}
    assert (await client.get("/accounts", headers=acting)).status_code == 200

    assert (await client.post("/users/me/impersonation/stop", headers=acting)).status_code == 204
    assert (await client.get("/accounts", headers=acting)).status_code == 401
    # The person's own and the administrator's own tokens are unaffected.
    assert (await client.get("/accounts", headers=person.headers)).status_code == 200
    assert (await client.get("/users/me/impersonation", headers=person.headers)).json() is None

    log = (await client.get("/admin/audit", headers=admin.headers)).json()
    seen = [(e["method"], e["route"], e["status"]) for e in reversed(log)]
    assert seen == [
        ("GET", "/accounts", 200),
        ("GET", "/users/me/impersonation", 200),
        ("GET", "/admin/users", 403),
        ("POST", "/auth/jwt/refresh", 200),
        ("GET", "/accounts", 200),
        ("POST", "/users/me/impersonation/stop", 204),
    ]
    assert {(e["actor_email"], e["subject_email"], e["reason"]) for e in log} == {
        ("root@example.com", "jana@example.com", REASON)
    }

    accesses = (await client.get("/users/me/accesses", headers=person.headers)).json()
    assert len(accesses) == 1
    bystander = await signed_in_user(app, client, "petr@example.com")
    assert (await client.get("/users/me/accesses", headers=bystander.headers)).json() == []
    assert accesses[0]["actor_email"] == "root@example.com"
    assert accesses[0]["reason"] == REASON
    assert accesses[0]["ended_at"] is not None


async def test_the_browser_impersonates_with_a_cookie_beside_its_session(app, client):
    from tests.factories import create_user

    await create_user(app, "boss@example.com", superuser=True)
    person = await signed_in_user(app, client, "eva@example.com")
    login = await client.post(
        "/auth/cookie/login", data={"username": "boss@example.com", "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 204
    csrf = {CSRF_HEADER: client.cookies[CSRF_COOKIE]}
    started = await client.post(
        f"/admin/users/{person.id}/impersonate", json={"reason": REASON}, headers=csrf
    )
    assert started.status_code == 200
    assert client.cookies.get(IMPERSONATION_COOKIE)
    me = await client.get("/users/me")
    assert me.json()["email"] == "eva@example.com"
    # Unsafe requests still need the CSRF header of the administrator's session.
    assert (await client.post("/users/me/impersonation/stop")).status_code == 403
    assert (await client.post("/users/me/impersonation/stop", headers=csrf)).status_code == 204
    assert client.cookies.get(IMPERSONATION_COOKIE) is None
    assert (await client.get("/users/me")).json()["email"] == "boss@example.com"


async def test_it_ends_after_thirty_minutes(app, client):
    admin = await signed_in_user(app, client, "root@example.com", superuser=True)
    person = await signed_in_user(app, client, "late@example.com")
    started = (await start(client, admin, person.id)).json()
    expires_in = started["expires_at"]
    assert expires_in  # the server's end, checked on every request
    acting = {"Authorization": f"Bearer {started['access_token']}"}
    assert (await client.get("/users/me", headers=acting)).status_code == 200
    async with session_scope(app.state.sessionmaker) as session:
        await session.execute(
            update(Impersonation).values(
                started_at=utcnow() - timedelta(minutes=31),
                expires_at=utcnow() - timedelta(minutes=1),
            )
        )
    assert (await client.get("/users/me", headers=acting)).status_code == 401
    assert (await client.post("/auth/jwt/refresh", headers=acting)).status_code == 401


async def test_never_as_an_administrator_and_never_by_a_user(app, client):
    admin = await signed_in_user(app, client, "root@example.com", superuser=True)
    other_admin = await signed_in_user(app, client, "root2@example.com", superuser=True)
    person = await signed_in_user(app, client, "user@example.com")
    refused = await start(client, admin, other_admin.id)
    assert refused.status_code == 403
    assert refused.json()["detail"]["code"] == "ADMIN_TARGET_IS_ADMIN"
    assert (await start(client, admin, admin.id)).status_code == 409
    assert (await start(client, person, admin.id)).status_code == 403
    too_short = await start(client, admin, person.id, reason="")
    assert too_short.status_code == 422
    # A demoted administrator's impersonation stops working at once.
    acting = {
        "Authorization": f"Bearer {(await start(client, admin, person.id)).json()['access_token']}"
    }
    demote = await client.patch(
        f"/users/{admin.id}", json={"is_superuser": False}, headers=other_admin.headers
    )
    assert demote.status_code == 200
    assert (await client.get("/users/me", headers=acting)).status_code == 401


async def test_audit_entries_cannot_be_changed_through_the_api(app, client):
    admin = await signed_in_user(app, client, "root@example.com", superuser=True)
    for method in ("PUT", "PATCH", "DELETE", "POST"):
        response = await client.request(method, "/admin/audit", headers=admin.headers)
        assert response.status_code == 405, method

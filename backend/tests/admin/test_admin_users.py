"""The administration's user list and actions; a user gets 403 on every /admin route."""

from tests.factories import create_account, read_mail, signed_in_user


async def test_list_shows_people_and_account_counts_but_no_money(app, client):
    admin = await signed_in_user(app, client, "root@example.com", superuser=True, verified=True)
    person = await signed_in_user(app, client, "jana@example.com")
    await create_account(client, person, name="A")
    await create_account(client, person, name="B")

    listing = await client.get("/admin/users", headers=admin.headers)
    assert listing.status_code == 200
    rows = {row["email"]: row for row in listing.json()}
    assert rows["jana@example.com"]["account_count"] == 2
    assert rows["jana@example.com"]["role"] == "user"
    assert rows["jana@example.com"]["last_login_at"] is not None
    assert rows["root@example.com"]["role"] == "admin"
    assert set(rows["jana@example.com"]) == {
        "id", "email", "first_name", "last_name", "role", "is_verified", "is_active",
        "two_factor_enabled", "created_at", "last_login_at", "account_count",
    }  # fmt: skip


async def test_deactivate_reactivate_resend_delete(app, client, settings):
    admin = await signed_in_user(app, client, "root@example.com", superuser=True)
    # Unverified, so that a verification email is due.
    person = await signed_in_user(app, client, "eva@example.com", verified=False)
    base = f"/admin/users/{person.id}"

    off = await client.post(f"{base}/deactivate", headers=admin.headers)
    assert off.json()["is_active"] is False
    assert (await client.get("/users/me", headers=person.headers)).status_code == 401
    on = await client.post(f"{base}/reactivate", headers=admin.headers)
    assert on.json()["is_active"] is True

    assert (
        await client.post(f"{base}/resend-verification", headers=admin.headers)
    ).status_code == 202
    assert any(m["To"] == "eva@example.com" for m in read_mail(settings.data_dir))

    assert (await client.delete(base, headers=admin.headers)).status_code == 204
    assert (await client.post(f"{base}/deactivate", headers=admin.headers)).status_code == 404
    # Not on oneself.
    own = await client.delete(f"/admin/users/{admin.id}", headers=admin.headers)
    assert own.status_code == 409


async def test_a_user_gets_403_everywhere_under_admin(app, client):
    await signed_in_user(app, client, "root@example.com", superuser=True)
    person = await signed_in_user(app, client, "user@example.com")
    other = await signed_in_user(app, client, "other@example.com")
    calls = [
        ("GET", "/admin/users"),
        ("GET", "/admin/audit"),
        ("POST", f"/admin/users/{other.id}/deactivate"),
        ("POST", f"/admin/users/{other.id}/reactivate"),
        ("POST", f"/admin/users/{other.id}/resend-verification"),
        ("DELETE", f"/admin/users/{other.id}"),
    ]
    for method, path in calls:
        response = await client.request(method, path, headers=person.headers)
        assert response.status_code == 403, (method, path)
    impersonate = await client.post(
        f"/admin/users/{other.id}/impersonate",
        json={"reason": "just looking"},
        headers=person.headers,
    )
    assert impersonate.status_code == 403
    # The other person is untouched.
    assert (await client.get("/users/me", headers=other.headers)).status_code == 200


async def test_admins_can_be_required_to_use_two_factor(app, client):
    admin = await signed_in_user(app, client, "root@example.com", superuser=True)
    app.state.settings = app.state.settings.model_copy(update={"admin_require_two_factor": True})
    refused = await client.get("/admin/users", headers=admin.headers)
    assert refused.status_code == 403
    assert refused.json()["detail"]["code"] == "ADMIN_TWO_FACTOR_REQUIRED"
    # Setting it up is still possible.
    assert (
        await client.post("/users/me/two-factor/setup", headers=admin.headers)
    ).status_code == 200

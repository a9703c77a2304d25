"""A second user can never read or change the first one; administrators can."""

import uuid

from tests.factories import signed_in_user


async def test_a_user_cannot_reach_another_user(app, client):
    first = await signed_in_user(app, client, "first@example.com")
    second = await signed_in_user(app, client, "second@example.com")

    for method, body in (("GET", None), ("PATCH", {"first_name": "Owned"}), ("DELETE", None)):
        response = await client.request(
            method, f"/users/{first.id}", json=body, headers=second.headers
        )
        assert response.status_code == 403, method

    me = (await client.get("/users/me", headers=first.headers)).json()
    assert me["first_name"] == "First"
    # Changing "me" changes only the caller.
    await client.patch("/users/me", json={"first_name": "Second!"}, headers=second.headers)
    assert (await client.get("/users/me", headers=first.headers)).json()["first_name"] == "First"


async def test_administrators_manage_users(app, client):
    admin = await signed_in_user(app, client, "admin@example.com", superuser=True)
    user = await signed_in_user(app, client, "user@example.com")

    assert (await client.get(f"/users/{user.id}", headers=admin.headers)).json()[
        "email"
    ] == "user@example.com"
    verified = await client.patch(
        f"/users/{user.id}", json={"is_verified": True}, headers=admin.headers
    )
    assert verified.json()["is_verified"] is True
    assert (await client.get(f"/users/{uuid.uuid4()}", headers=admin.headers)).status_code == 404
    assert (await client.get("/users/not-a-uuid", headers=admin.headers)).status_code == 422
    assert (await client.delete(f"/users/{user.id}", headers=admin.headers)).status_code == 204
    assert (await client.get("/users/me", headers=user.headers)).status_code == 401

"""Defect 9: an account whose email is not confirmed could use everything. Data endpoints now
answer 403 EMAIL_NOT_VERIFIED until it is; the person may still read themselves, ask for a new
link, confirm, sign out and delete the account. A self-hoster may relax the rule."""

import json

import pytest

from tests.factories import (
    DEFAULT_PASSWORD,
    link_token,
    read_mail,
    signed_in_user,
)

ACCOUNT = {"name": "Current account", "currency": "CZK"}


def _refused(response) -> None:
    assert response.status_code == 403, response.text
    assert response.json()["detail"]["code"] == "EMAIL_NOT_VERIFIED"


async def test_an_unverified_person_cannot_create_or_read_data(app, client):
    jana = await signed_in_user(app, client, "jana@example.com", verified=False)
    _refused(await client.post("/accounts", json=ACCOUNT, headers=jana.headers))
    _refused(await client.get("/transactions", headers=jana.headers))
    _refused(await client.patch("/users/me", json={"first_name": "J"}, headers=jana.headers))

    me = await client.get("/users/me", headers=jana.headers)
    assert me.status_code == 200
    assert me.json()["is_verified"] is False


async def test_confirming_the_email_opens_the_data(app, client, settings):
    jana = await signed_in_user(app, client, "jana@example.com", verified=False)
    asked = await client.post("/auth/request-verify-token", json={"email": jana.email})
    assert asked.status_code == 202
    [message] = read_mail(settings.data_dir)
    verified = await client.post("/auth/verify", json={"token": link_token(message)})
    assert verified.status_code == 200

    created = await client.post("/accounts", json=ACCOUNT, headers=jana.headers)
    assert created.status_code == 201, created.text


async def test_an_unverified_browser_may_sign_out_and_delete_the_account(app, client):
    await signed_in_user(app, client, "gone@example.com", verified=False)
    login = await client.post(
        "/auth/cookie/login", data={"username": "gone@example.com", "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 204
    csrf = {"X-CSRF-Token": client.cookies["cashbook_csrf"]}
    _refused(await client.get("/accounts"))

    deleted = await client.request(
        "DELETE",
        "/users/me",
        json={"password": DEFAULT_PASSWORD, "confirmation": "gone@example.com"},
        headers=csrf,
    )
    assert deleted.status_code == 204, deleted.text
    assert (await client.get("/users/me")).status_code == 401

    await signed_in_user(app, client, "leaving@example.com", verified=False)
    await client.post(
        "/auth/cookie/login",
        data={"username": "leaving@example.com", "password": DEFAULT_PASSWORD},
    )
    csrf = {"X-CSRF-Token": client.cookies["cashbook_csrf"]}
    assert (await client.post("/auth/cookie/logout", headers=csrf)).status_code == 204
    assert (await client.get("/users/me")).status_code == 401


async def test_the_setting_relaxed_lets_an_unverified_person_in(app, client, settings):
    settings.require_verified_email = False  # CASHBOOK_REQUIRE_VERIFIED_EMAIL=false
    jana = await signed_in_user(app, client, "relaxed@example.com", verified=False)
    created = await client.post("/accounts", json=ACCOUNT, headers=jana.headers)
    assert created.status_code == 201, created.text


async def test_administrators_are_verified_like_everyone_else(app, client):
    admin = await signed_in_user(app, client, "root@example.com", superuser=True, verified=False)
    _refused(await client.get("/admin/users", headers=admin.headers))


@pytest.mark.parametrize(
    ("path", "method", "refused"),
    [
        ("/accounts", "post", True),
        ("/transactions", "get", True),
        ("/admin/users", "get", True),
        ("/users/me", "get", False),
        ("/users/me", "delete", False),
        ("/auth/cookie/logout", "post", False),
    ],
)
async def test_the_openapi_document_names_the_code_where_it_can_happen(
    client, path, method, refused
):
    document = (await client.get("/openapi.json")).json()
    forbidden = document["paths"][path][method]["responses"]["403"]
    assert ("EMAIL_NOT_VERIFIED" in json.dumps(forbidden)) is refused

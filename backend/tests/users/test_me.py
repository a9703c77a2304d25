"""The signed-in person's own account."""

from sqlalchemy import func, select

from cashbook.kit.db import session_scope
from cashbook.models import SessionToken, User
from tests.factories import DEFAULT_PASSWORD, signed_in_user


async def test_update_names_and_base_currency(app, client):
    user = await signed_in_user(app, client, "me@example.com")
    response = await client.patch(
        "/users/me",
        json={"first_name": "  Petra ", "last_name": "Malá", "base_currency": "EUR"},
        headers=user.headers,
    )
    assert response.status_code == 200
    assert (
        response.json()["first_name"],
        response.json()["last_name"],
        response.json()["base_currency"],
    ) == (
        "Petra",
        "Malá",
        "EUR",
    )
    assert (await client.get("/users/me", headers=user.headers)).json()["base_currency"] == "EUR"


async def test_invalid_profile_changes_are_refused_with_field_names(app, client):
    user = await signed_in_user(app, client, "me@example.com")
    cases = [
        ({"base_currency": "euro"}, "base_currency"),
        ({"first_name": ""}, "first_name"),
        ({"is_superuser": True}, "is_superuser"),
        ({"email": "new@example.com"}, "email"),
    ]
    for body, field in cases:
        response = await client.patch("/users/me", json=body, headers=user.headers)
        assert response.status_code == 422, body
        assert response.json()["detail"][0]["loc"] == ["body", field]
    assert (await client.get("/users/me", headers=user.headers)).json()["is_superuser"] is False


async def test_new_password_needs_the_current_one(app, client):
    user = await signed_in_user(app, client, "me@example.com")
    missing = await client.patch(
        "/users/me", json={"password": "fresh passphrase 1"}, headers=user.headers
    )
    assert missing.status_code == 400
    assert missing.json()["detail"]["code"] == "WRONG_CURRENT_PASSWORD"
    wrong = await client.patch(
        "/users/me",
        json={"password": "fresh passphrase 1", "current_password": "not it at all"},
        headers=user.headers,
    )
    assert wrong.status_code == 400
    weak = await client.patch(
        "/users/me",
        json={"password": "short", "current_password": DEFAULT_PASSWORD},
        headers=user.headers,
    )
    assert weak.status_code == 400
    assert weak.json()["detail"]["code"] == "UPDATE_USER_INVALID_PASSWORD"

    ok = await client.patch(
        "/users/me",
        json={"password": "fresh passphrase 1", "current_password": DEFAULT_PASSWORD},
        headers=user.headers,
    )
    assert ok.status_code == 200
    login = await client.post(
        "/auth/jwt/login", data={"username": user.email, "password": "fresh passphrase 1"}
    )
    assert login.status_code == 200


async def count(app, model) -> int:
    async with session_scope(app.state.sessionmaker) as session:
        return (await session.execute(select(func.count()).select_from(model))).scalar_one()


async def test_delete_me_removes_the_user_and_what_they_own(app, client):
    user = await signed_in_user(app, client, "leaving@example.com")
    other = await signed_in_user(app, client, "staying@example.com")
    await client.post(
        "/auth/cookie/login", data={"username": user.email, "password": DEFAULT_PASSWORD}
    )
    client.cookies.clear()
    await client.post(
        "/auth/cookie/login", data={"username": other.email, "password": DEFAULT_PASSWORD}
    )
    client.cookies.clear()
    assert await count(app, SessionToken) == 2

    assert (await delete_me(client, user)).status_code == 204
    assert (await client.get("/users/me", headers=user.headers)).status_code == 401
    assert await count(app, User) == 1
    assert await count(app, SessionToken) == 1
    assert (await client.get("/users/me", headers=other.headers)).status_code == 200
    relogin = await client.post(
        "/auth/jwt/login", data={"username": user.email, "password": DEFAULT_PASSWORD}
    )
    assert relogin.status_code == 400


async def test_delete_me_empties_the_ledger_tables_of_that_person(app, client):
    from cashbook.models import Account, Category, Tag, Transaction, TransactionTag, TransactionWord
    from tests.factories import api_create, create_account, create_transaction

    counts = {}
    for email in ("leaving@example.com", "staying@example.com"):
        person = await signed_in_user(app, client, email)
        account = await create_account(client, person)
        category = await api_create(client, person, "/categories", {"name": "Food"})
        tag = await api_create(client, person, "/tags", {"name": "x"})
        await create_transaction(
            client,
            person,
            account,
            "-1",
            description="two words",
            category_id=category["id"],
            tag_ids=[tag["id"]],
        )
        if email.startswith("leaving"):
            leaving = person
    tables = (Account, Category, Tag, Transaction, TransactionTag, TransactionWord)
    counts = {model: await count(app, model) for model in tables}
    assert all(n > 0 for n in counts.values())

    assert (await delete_me(client, leaving)).status_code == 204
    for model in tables:
        assert await count(app, model) == counts[model] // 2, model.__tablename__


async def delete_me(client, user, **body):
    body = {"password": DEFAULT_PASSWORD, "confirmation": user.email, **body}
    return await client.request("DELETE", "/users/me", json=body, headers=user.headers)


async def test_deleting_the_account_needs_the_password_and_the_typed_email(app, client):
    user = await signed_in_user(app, client, "careful@example.com")
    wrong = await delete_me(client, user, password="not the password")
    assert wrong.json()["detail"]["code"] == "WRONG_CURRENT_PASSWORD"
    unconfirmed = await delete_me(client, user, confirmation="delete")
    assert unconfirmed.json()["detail"]["code"] == "DELETE_ACCOUNT_NOT_CONFIRMED"
    assert (await client.get("/users/me", headers=user.headers)).status_code == 200
    assert (await delete_me(client, user, confirmation=" CAREFUL@example.com ")).status_code == 204
    assert (await client.get("/users/me", headers=user.headers)).status_code == 401

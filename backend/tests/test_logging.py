"""Logs are JSON lines with a request id and the route template, and carry no secrets."""

import json

from tests.factories import DEFAULT_PASSWORD, create_user

USER_ID = "0b8f2c1e-4d5a-4e6f-9a7b-8c9d0e1f2a3b"  # user ids are logged as UUIDs only


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


async def test_access_lines_are_json_with_request_id_and_route(app, client, capfd):
    user = await create_user(app, "log@example.com")
    await client.get(f"/users/{user.id}", headers={"X-Request-ID": "trace-1234567"})
    await client.post(
        "/auth/jwt/login", data={"username": "log@example.com", "password": DEFAULT_PASSWORD}
    )
    lines = json_lines(capfd.readouterr().err)
    access = [line for line in lines if line.get("logger") == "cashbook.access"]
    assert [(line["route"], line["status"]) for line in access] == [
        ("/users/{user_id}", 401),
        ("/auth/jwt/login", 200),
    ]
    assert access[0]["request_id"] == "trace-1234567"
    assert all({"timestamp", "level", "duration_ms", "method"} <= line.keys() for line in access)


async def test_request_id_is_returned(client):
    response = await client.get("/healthz")
    assert len(response.headers["x-request-id"]) == 32


async def test_no_password_token_or_link_in_logs(client, capfd):
    secret_password = "canary-password-83412"
    await client.post(
        "/auth/register",
        json={
            "email": "canary@example.com",
            "password": secret_password,
            "first_name": "C",
            "last_name": "D",
        },
    )
    login = await client.post(
        "/auth/jwt/login", data={"username": "canary@example.com", "password": secret_password}
    )
    token = login.json()["access_token"]
    await client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    await client.post("/auth/forgot-password", json={"email": "canary@example.com"})
    output = capfd.readouterr()
    everything = output.out + output.err
    assert secret_password not in everything
    assert token not in everything
    assert "token=" not in everything


def test_secret_looking_keys_are_masked(capfd):
    import structlog

    from cashbook.kit.logging import configure_logging

    configure_logging("INFO", "json")
    structlog.get_logger("t").info(
        "x", password="hunter2-canary", api_token="abc-canary", user_id=USER_ID
    )
    [line] = json_lines(capfd.readouterr().err)
    assert line["password"] == line["api_token"] == "[redacted]"
    assert line["user_id"] == USER_ID

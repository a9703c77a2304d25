"""Users and signed-in clients for tests, built through the real code paths."""

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage
from functools import cache
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi_users.password import PasswordHelper

from cashbook.kit.db import session_scope
from cashbook.models import User
from cashbook.users.repository import UserRepository

DEFAULT_PASSWORD = "a sturdy passphrase 42"  # noqa: S105


@cache
def _hash(password: str) -> str:
    return PasswordHelper().hash(password)


@dataclass
class TestUser:
    id: str
    email: str
    password: str
    headers: dict[str, str]


async def create_user(
    app: FastAPI,
    email_address: str,
    *,
    password: str = DEFAULT_PASSWORD,
    verified: bool = True,
    superuser: bool = False,
) -> User:
    """A user stored directly (hashing each password once per run keeps suites fast)."""
    async with session_scope(app.state.sessionmaker) as session:
        return await UserRepository(session, User).create(
            {
                "email": email_address,
                "hashed_password": _hash(password),
                "first_name": email_address.split("@")[0].title(),
                "last_name": "Tester",
                "is_verified": verified,
                "is_superuser": superuser,
            }
        )


async def bearer_headers(
    client: httpx.AsyncClient, email_address: str, password: str
) -> dict[str, str]:
    response = await client.post(
        "/auth/jwt/login", data={"username": email_address, "password": password}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def signed_in_user(
    app: FastAPI, client: httpx.AsyncClient, email_address: str, **options
) -> TestUser:
    user = await create_user(app, email_address, **options)
    password = options.get("password", DEFAULT_PASSWORD)
    headers = await bearer_headers(client, email_address, password)
    return TestUser(str(user.id), email_address, password, headers)


async def register(client: httpx.AsyncClient, data_dir: Path, person: dict) -> TestUser:
    """A person who signed up through the API and confirmed their email with the link the
    worker mailed them (jobs run inline in these tests), signed in with Bearer."""
    response = await client.post("/auth/register", json=person)
    assert response.status_code == 201, response.text
    *_, message = [m for m in read_mail(data_dir) if m["To"] == person["email"]]
    verified = await client.post("/auth/verify", json={"token": link_token(message)})
    assert verified.status_code == 200, verified.text
    headers = await bearer_headers(client, person["email"], person["password"])
    return TestUser(response.json()["id"], person["email"], person["password"], headers)


def parse_mail(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def read_mail(data_dir: Path) -> list[EmailMessage]:
    """The messages written to the mail folder, oldest first."""
    folder = data_dir / "mail"
    if not folder.exists():
        return []
    return [parse_mail(path.read_bytes()) for path in sorted(folder.glob("*.eml"))]


def mail_text(message: EmailMessage) -> str:
    """The plain-text body (every email also has an HTML alternative)."""
    return message.get_body(preferencelist=("plain",)).get_content()


def mail_html(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def link_token(message: EmailMessage) -> str:
    body = mail_text(message)
    match = re.search(r"token=([A-Za-z0-9._\-]+)", body)
    assert match, body
    return match.group(1)


# The ledger: accounts, categories, tags and transactions made through the API.


async def api_create(client: httpx.AsyncClient, user: TestUser, path: str, body: dict) -> dict:
    response = await client.post(path, json=body, headers=user.headers)
    assert response.status_code == 201, response.text
    return response.json()


async def api_get(client: httpx.AsyncClient, user: TestUser, path: str, **params) -> Any:
    response = await client.get(path, params=params, headers=user.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def create_account(client: httpx.AsyncClient, user: TestUser, **fields) -> dict:
    body = {"name": "Current account", "currency": "CZK", **fields}
    return await api_create(client, user, "/accounts", body)


async def create_transaction(
    client: httpx.AsyncClient, user: TestUser, account: dict, amount: str, **fields
) -> dict:
    body = {
        "account_id": account["id"],
        "amount": amount,
        "booked_on": "2026-03-14",
        **fields,
    }
    return await api_create(client, user, "/transactions", body)


async def token_headers(app: FastAPI, user: User) -> dict[str, str]:
    """A Bearer token minted the way login mints it, without the password hash check (fast
    enough to give every generated example a person of its own)."""
    from cashbook.auth.backends import get_jwt_strategy

    token = await get_jwt_strategy(app.state.settings).write_token(user)
    return {"Authorization": f"Bearer {token}"}


async def all_transactions(client: httpx.AsyncClient, headers: dict[str, str], **filters) -> list:
    """Every transaction the API lists for these filters, all pages."""
    items: list = []
    params = {**filters, "limit": 500}
    while True:
        response = await client.get("/transactions", params=params, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        if not page["next_cursor"]:
            return items
        params["cursor"] = page["next_cursor"]


async def connect_bank(client: httpx.AsyncClient, fake_bank, user: TestUser) -> str:
    """Connect the fake bank the way a person does: start, consent at the bank, come back
    through the callback (in this client, which holds the flow cookie). Returns the
    connection's id; with inline jobs its first sync has run by then."""
    started = await client.post(
        "/bank/connections", json={"provider": "csas"}, headers=user.headers
    )
    assert started.status_code == 201, started.text
    back = httpx.URL(fake_bank.approve(started.json()["authorization_url"]))
    assert back.path == "/bank/callback"
    landed = await client.get(f"{back.path}?{back.query.decode()}")
    assert landed.status_code == 303, landed.text
    assert "bank=connected" in landed.headers["location"], landed.headers["location"]
    return started.json()["id"]


def metric(name: str, **labels: str) -> float:
    """The current value of a sample in this process's Prometheus registry (0 when unseen)."""
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value(name, labels) or 0.0

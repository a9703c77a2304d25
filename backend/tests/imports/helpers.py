"""Uploading statement files through the API, as the web app does."""

import io
import uuid
from pathlib import Path

import httpx
from fastapi import FastAPI

from cashbook.imports.service import import_service
from cashbook.kit.db import session_scope
from cashbook.kit.encryption import keys_for
from cashbook.models import StatementImport
from tests.factories import TestUser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "statements"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


async def upload(
    client: httpx.AsyncClient,
    user: TestUser,
    account_id: str,
    data: bytes,
    name: str = "statement",
    **fields: str,
) -> httpx.Response:
    return await client.post(
        "/imports",
        files={"file": (name, data, "application/octet-stream")},
        data={"account_id": account_id, **fields},
        headers=user.headers,
    )


async def imported(
    client: httpx.AsyncClient, user: TestUser, account_id: str, data: bytes, **fields: str
) -> dict:
    """Upload a file and return the finished import (in-process jobs run at once)."""
    response = await upload(client, user, account_id, data, **fields)
    assert response.status_code == 202, response.text
    assert response.json()["status"] == "queued"
    result = await client.get(f"/imports/{response.json()['id']}", headers=user.headers)
    assert result.status_code == 200, result.text
    return result.json()


async def queued_import(
    app: FastAPI, user: TestUser, account: dict, data: bytes
) -> StatementImport:
    """An uploaded file whose import job a test runs itself (`run_job`)."""
    settings = app.state.settings
    async with session_scope(app.state.sessionmaker) as session:
        return await import_service.create(
            session,
            keys_for(settings),
            settings,
            uuid.UUID(user.id),
            uuid.UUID(account["id"]),
            io.BytesIO(data),
            "statement.csv",
            None,
            None,
            enqueue=False,
        )

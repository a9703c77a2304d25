"""A write that cannot get the database's lock in time answers 503 with Retry-After, never
500, and the same request succeeds once the lock is free."""

import sqlite3

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import make_settings
from tests.factories import signed_in_user


@pytest.fixture
def settings(database_url, tmp_path):
    if make_url(database_url).get_backend_name() != "sqlite":
        pytest.skip("SQLite's single writer lock; MariaDB locks rows")
    return make_settings(database_url, tmp_path / "data", database_lock_timeout_ms=100)


async def test_a_write_that_cannot_get_the_lock_answers_503_with_retry_after(app, client):
    user = await signed_in_user(app, client, "busy@example.com")
    # Another writer (a long import's chunk, say) holds SQLite's write lock.
    holder = sqlite3.connect(make_url(app.state.settings.sqlalchemy_url).database)
    try:
        holder.execute("BEGIN IMMEDIATE")
        response = await client.post("/tags", json={"name": "trip"}, headers=user.headers)
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == "2"
    assert response.json()["detail"]["code"] == "DATABASE_BUSY"

    again = await client.post("/tags", json={"name": "trip"}, headers=user.headers)
    assert again.status_code == 201, again.text

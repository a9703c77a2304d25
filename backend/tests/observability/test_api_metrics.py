"""/metrics on the API: the token, the sign-in counters, and the gauges read from the
database at scrape time."""

import math
from datetime import timedelta
from decimal import Decimal

from pydantic import SecretStr
from sqlalchemy import update

from cashbook.kit.db import session_scope
from cashbook.models import BankConnection, EmailOutbox, ExchangeRate
from cashbook.models.base import utcnow
from cashbook.notifications.repository import OutboxRepository
from cashbook.rates.repository import RateRepository
from tests.factories import DEFAULT_PASSWORD, create_user
from tests.observability.prometheus import sample_value

TOKEN = "metrics-token-canary-7c1d"  # noqa: S105 - a test token


async def _scrape(client, **headers) -> str:
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


async def test_metrics_need_the_token_when_one_is_set(app, client, settings):
    settings.metrics_token = SecretStr(TOKEN)
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        refused = await client.get("/metrics", headers=headers)
        assert refused.status_code == 401
        assert refused.json()["detail"]["code"] == "METRICS_TOKEN_INVALID"
        assert refused.headers["www-authenticate"] == "Bearer"
    text = await _scrape(client, Authorization=f"Bearer {TOKEN}")
    assert "cashbook_logins_total" in text


async def test_metrics_are_open_without_a_token_and_not_in_the_api_docs(client):
    assert "cashbook_registrations_total" in await _scrape(client)
    schema = (await client.get("/openapi.json")).json()
    assert "/metrics" not in schema["paths"]


async def test_sign_ins_and_registrations_are_counted_by_outcome(app, client, settings):
    settings.login_max_failures = 2
    before = await _scrape(client)
    await create_user(app, "counted@example.com")
    body = {"email": "new@example.com", "password": DEFAULT_PASSWORD, "first_name": "N"}
    body["last_name"] = "U"
    assert (await client.post("/auth/register", json=body)).status_code == 201
    assert (await client.post("/auth/register", json=body)).status_code == 400
    weak = {**body, "email": "weak@example.com", "password": "short"}
    assert (await client.post("/auth/register", json=weak)).status_code == 400
    good = {"username": "counted@example.com", "password": DEFAULT_PASSWORD}
    bad = {**good, "password": "not the password"}
    assert (await client.post("/auth/jwt/login", data=good)).status_code == 200
    for _ in range(2):
        assert (await client.post("/auth/jwt/login", data=bad)).status_code == 400
    assert (await client.post("/auth/jwt/login", data=bad)).status_code == 429
    after = await _scrape(client)

    def delta(name: str, **labels: str) -> float:
        return sample_value(after, name, **labels) - sample_value(before, name, **labels)

    registrations = "cashbook_registrations_total"
    assert delta(registrations, method="password", outcome="success") == 1
    assert delta(registrations, method="password", outcome="failure") == 2
    assert delta("cashbook_logins_total", method="password", outcome="success") == 1
    assert delta("cashbook_logins_total", method="password", outcome="failure") == 2
    assert delta("cashbook_logins_total", method="password", outcome="throttled") == 1
    assert delta("cashbook_logins_total", method="oidc", outcome="success") == 0
    assert "counted@example.com" not in after


async def test_outbox_and_rate_gauges_follow_the_database(app, client):
    text = await _scrape(client)
    assert sample_value(text, "cashbook_outbox_backlog") == 0
    assert sample_value(text, "cashbook_outbox_oldest_age_seconds") == 0
    # No snapshot stored yet: not a number, so the stale-rates alert stays silent.
    assert math.isnan(sample_value(text, "cashbook_exchange_rate_snapshot_age_seconds"))

    now = utcnow()
    async with session_scope(app.state.sessionmaker) as session:
        outbox = OutboxRepository(session)
        for age, sent in ((timedelta(hours=2), False), (timedelta(minutes=5), False),
                          (timedelta(days=3), True)):  # fmt: skip
            row = await outbox.add(
                EmailOutbox(to_address="x@example.com", template="verify-email", context="{}")
            )
            row.created_at = now - age
            row.sent_at = now if sent else None
        await RateRepository(session).replace_snapshot("EUR", now.date(), {"CZK": Decimal("25.1")})
        await session.execute(update(ExchangeRate).values(fetched_at=now - timedelta(hours=30)))
    text = await _scrape(client)
    assert sample_value(text, "cashbook_outbox_backlog") == 2
    oldest = sample_value(text, "cashbook_outbox_oldest_age_seconds")
    assert 2 * 3600 <= oldest < 2 * 3600 + 120
    age = sample_value(text, "cashbook_exchange_rate_snapshot_age_seconds")
    assert 30 * 3600 <= age < 30 * 3600 + 120


async def test_consents_near_their_end_are_counted_by_provider(app, client, settings):
    user = await create_user(app, "consents@example.com")
    now = utcnow()
    lifetime, warning = settings.bank_consent_days, settings.bank_consent_warning_days
    ages_and_status = (
        (timedelta(days=lifetime - warning + 1), "active"),  # ends within the warning period
        (timedelta(days=lifetime - warning - 1), "active"),  # not yet
        (timedelta(days=lifetime + 5), "reauth_required"),  # already asked to renew
    )
    async with session_scope(app.state.sessionmaker) as session:
        for age, status in ages_and_status:
            session.add(
                BankConnection(
                    user_id=user.id,
                    provider="csas",
                    status=status,
                    consented_at=now - age,
                    sync_interval_seconds=3600,
                )
            )
    text = await _scrape(client)
    assert sample_value(text, "cashbook_bank_consents_expiring", provider="csas") == 1

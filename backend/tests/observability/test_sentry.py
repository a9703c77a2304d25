"""Error reports from the API reach Sentry (a fake one over HTTP) with what helps, and without
secrets, tokens, emails or decrypted text."""

from collections.abc import AsyncIterator

import httpx
import pytest
import sentry_sdk
from fastapi import Request

from cashbook.app import create_app
from cashbook.auth.backends import CurrentUser
from cashbook.kit.sentry import scrub_event, scrub_text
from tests.conftest import make_settings
from tests.factories import signed_in_user

DECRYPTED = "Decrypted description: rent to Jana Novakova CZ6508000000192000145399"
PASSWORD = "canary-password-5521"  # noqa: S105
QUERY_TOKEN = "canary-query-token-77"  # noqa: S105
COOKIE = "canary-cookie-value-91"
EMAIL = "sentry-canary@example.com"


@pytest.fixture
async def reporting_app(database_url, tmp_path, fake_sentry) -> AsyncIterator:
    settings = make_settings(
        database_url,
        tmp_path / "data",
        sentry_dsn=fake_sentry.dsn,
        sentry_environment="staging",
        sentry_release="cashbook@9.9.9",
        sentry_traces_sample_rate=0.0,
    )
    app = create_app(settings)

    @app.post("/boom")
    async def boom(request: Request, user: CurrentUser) -> None:
        body = await request.body()
        raise RuntimeError(f"{DECRYPTED} {body.decode()} for {user.email}")

    yield app
    # Sentry is process-wide: stop reporting so that later tests are not sent anywhere.
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)
    await app.state.engine.dispose()


async def test_api_error_event_carries_context_and_no_canary(reporting_app, fake_sentry):
    transport = httpx.ASGITransport(app=reporting_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as client:
        user = await signed_in_user(reporting_app, client, EMAIL)
        response = await client.post(
            f"/boom?token={QUERY_TOKEN}&email={EMAIL}",
            json={"password": PASSWORD, "note": DECRYPTED},
            headers={**user.headers, "Cookie": f"cashbook_session={COOKIE}"},
        )
    assert response.status_code == 500
    assert response.json() == {"detail": "INTERNAL_ERROR"}
    sentry_sdk.flush(timeout=10)
    event = fake_sentry.wait_for_event(lambda e: "exception" in e)
    assert event["environment"] == "staging"
    assert event["release"] == "cashbook@9.9.9"
    assert event["tags"]["component"] == "api"
    assert event["user"] == {"id": user.id}
    exception = event["exception"]["values"][-1]
    assert exception["type"] == "RuntimeError"
    assert any(frame["function"] == "boom" for frame in exception["stacktrace"]["frames"])
    assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])
    assert event["request"]["method"] == "POST"
    assert event["request"]["url"].endswith("/boom")
    everything = fake_sentry.everything()
    token = user.headers["Authorization"].removeprefix("Bearer ")
    for canary in (DECRYPTED, "Jana Novakova", "CZ6508000000192000145399", PASSWORD,
                   QUERY_TOKEN, COOKIE, EMAIL, token):  # fmt: skip
        assert canary not in everything, canary


def test_scrubbing_keeps_what_helps_and_masks_the_rest():
    event = {
        "request": {
            "method": "GET",
            "url": "https://cashbook.example/reset?token=abc",
            "query_string": "token=abc",
            "data": {"password": "x"},
            "cookies": {"cashbook_session": "y"},
            "headers": {"Authorization": "Bearer z", "User-Agent": "curl/8", "X-Request-ID": "r1"},
        },
        "user": {"id": "u-1", "email": "a@example.com", "ip_address": "192.0.2.1"},
        "extra": {"celery-job": {"task_name": "banking.sync", "args": ["IBAN"], "kwargs": {}}},
        "logentry": {"message": "sending to a@example.com", "params": ["a@example.com"]},
        "breadcrumbs": {
            "values": [
                {
                    "category": "httplib",
                    "type": "http",
                    "data": {"url": "https://bank.example/x?code=secret", "method": "GET"},
                },
            ]
        },
        "contexts": {
            "trace": {"trace_id": "a" * 32},
            "celery": {"note": "token 1234abcd5678efgh9012"},
        },
    }
    scrubbed = scrub_event(event)
    assert scrubbed["request"] == {
        "method": "GET",
        "url": "https://cashbook.example/reset",
        "headers": {"User-Agent": "curl/8", "X-Request-ID": "r1"},
    }
    assert scrubbed["user"] == {"id": "u-1"}
    assert scrubbed["extra"] == {"celery-job": {"task_name": "banking.sync"}}
    assert scrubbed["logentry"] == {"message": "sending to [email]"}
    crumb = scrubbed["breadcrumbs"]["values"][0]
    assert crumb["data"] == {"method": "GET", "url": "https://bank.example/x"}
    assert scrubbed["contexts"]["trace"]["trace_id"] == "a" * 32
    assert "1234abcd5678efgh9012" not in str(scrubbed["contexts"])


def test_scrub_text_masks_tokens_emails_and_numbers_but_keeps_words():
    text = "user jana@example.cz paid 1234 5678 9012 with Bearer eyJhbGciOi.x.y at /users/me"
    assert scrub_text(text) == "user [email] paid [redacted] with Bearer [redacted] at /users/me"
    assert scrub_text("could_not_decrypt_description_column") == (
        "could_not_decrypt_description_column"
    )

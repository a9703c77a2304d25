"""Defects 3, 4 and 5: throttling holds under real concurrency; verification and reset emails
are limited per address and client, and the request does the same work for any address."""

import asyncio

import httpx
import pytest
from sqlalchemy import func, select

from cashbook.kit.db import session_scope
from cashbook.models import EmailOutbox
from cashbook.users.tasks import RESET_JOB, VERIFY_JOB
from cashbook.worker.jobs import PUBLISHER_KEY, run_job
from tests.factories import create_user, read_mail
from tests.hardening.server import AppServer

MAIL_PATHS = ("/auth/forgot-password", "/auth/request-verify-token")


async def test_concurrent_wrong_passwords_check_no_more_than_the_limit(app, settings):
    await create_user(app, "target@example.com")
    settings.login_max_failures = 10
    with AppServer(settings) as server:
        async with httpx.AsyncClient(base_url=server.url, timeout=60) as http:

            async def guess(number: int) -> int:
                form = {"username": "target@example.com", "password": f"wrong-{number}"}
                return (await http.post("/auth/jwt/login", data=form)).status_code

            statuses = await asyncio.gather(*(guess(number) for number in range(60)))
    assert set(statuses) <= {400, 429}, statuses
    checked = statuses.count(400)
    assert checked <= 10, f"{checked} passwords checked against a limit of 10"
    assert statuses.count(429) == 60 - checked


async def test_twenty_five_reset_requests_send_three_emails(app, client, settings):
    await create_user(app, "victim@example.com")
    statuses = [
        (
            await client.post("/auth/forgot-password", json={"email": "victim@example.com"})
        ).status_code
        for _ in range(25)
    ]
    assert statuses == [202] * 3 + [429] * 22
    assert len(read_mail(settings.data_dir)) == 3
    refused = await client.post("/auth/forgot-password", json={"email": "VICTIM@example.com "})
    assert refused.json()["detail"]["code"] == "MAIL_TOO_MANY_REQUESTS"
    assert int(refused.headers["retry-after"]) > 0


async def test_verification_requests_are_limited_per_client_across_addresses(app, client):
    app.state.settings.mail_requests_per_ip = 5
    statuses = [
        (
            await client.post("/auth/request-verify-token", json={"email": f"u{i}@example.com"})
        ).status_code
        for i in range(7)
    ]
    assert statuses == [202] * 5 + [429] * 2


class RecordingPublisher:
    def __init__(self) -> None:
        self.jobs: list[tuple[str, tuple]] = []

    async def publish(self, jobs) -> None:
        self.jobs.extend(jobs)


@pytest.mark.parametrize(
    ("path", "job_name"), [(MAIL_PATHS[0], RESET_JOB), (MAIL_PATHS[1], VERIFY_JOB)]
)
async def test_the_request_does_the_same_work_for_known_and_unknown_addresses(
    app, client, settings, path, job_name
):
    await create_user(app, "known@example.com", verified=False)  # so either email is due
    publisher = RecordingPublisher()
    app.state.sessionmaker.kw["info"] = {PUBLISHER_KEY: publisher}

    known = await client.post(path, json={"email": "known@example.com"})
    unknown = await client.post(path, json={"email": "unknown@example.com"})
    assert (known.status_code, known.content) == (unknown.status_code, unknown.content)
    # Neither request looked the account up or wrote an email: both only queued the same job.
    assert publisher.jobs == [
        (job_name, ("known@example.com",)),
        (job_name, ("unknown@example.com",)),
    ]
    async with session_scope(app.state.sessionmaker) as session:
        assert await session.scalar(select(func.count()).select_from(EmailOutbox)) == 0

    # The worker finds out: one email, to the account that exists.
    for name, ids in publisher.jobs:
        await run_job(app.state.sessionmaker, settings, name, ids)
    async with session_scope(app.state.sessionmaker) as session:
        addresses = (await session.scalars(select(EmailOutbox.to_address))).all()
    assert addresses == ["known@example.com"]

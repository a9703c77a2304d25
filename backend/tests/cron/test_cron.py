"""The internal cron endpoint: its token, its jobs, and one run per time slot."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr
from sqlalchemy import select, update

from cashbook.cron.service import CRON_JOBS
from cashbook.kit.db import session_scope
from cashbook.models import CronRun

TOKEN = "cron-secret-for-tests"
CRON = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def cron_settings(rates_settings):
    rates_settings.cron_token = SecretStr(TOKEN)
    return rates_settings


async def runs(app) -> list[CronRun]:
    async with session_scope(app.state.sessionmaker) as session:
        return list((await session.execute(select(CronRun).order_by(CronRun.id))).scalars())


async def test_without_a_configured_token_the_endpoint_is_off(client):
    response = await client.post("/internal/cron/outbox-drain", headers=CRON)
    assert response.status_code == 403
    assert response.json()["detail"]["code"] == "CRON_DISABLED"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Bearer "}],
)
async def test_a_missing_or_wrong_token_is_refused(app, client, cron_settings, headers):
    response = await client.post("/internal/cron/rates-snapshot", headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "CRON_TOKEN_INVALID"
    assert response.headers["www-authenticate"] == "Bearer"
    assert await runs(app) == []


async def test_an_unknown_job_is_404_but_only_with_the_token(client, cron_settings):
    refused = await client.post("/internal/cron/mine-bitcoin")
    assert refused.status_code == 401
    unknown = await client.post("/internal/cron/mine-bitcoin", headers=CRON)
    assert unknown.status_code == 404
    assert unknown.json()["detail"]["code"] == "UNKNOWN_JOB"
    assert "rates-snapshot" in unknown.json()["detail"]["reason"]


async def test_two_triggers_for_the_same_slot_run_the_job_once(app, client, cron_settings, unirate):
    first = await client.post("/internal/cron/rates-snapshot", headers=CRON)
    second = await client.post("/internal/cron/rates-snapshot", headers=CRON)
    assert (first.status_code, second.status_code) == (202, 202)
    assert first.json()["created"] is True and second.json()["created"] is False
    assert first.json()["run_id"] == second.json()["run_id"]
    assert first.json()["slot"] == datetime.now(UTC).date().isoformat()
    assert unirate.requests == ["/api/rates"]
    [run] = await runs(app)
    assert (run.status, run.attempts) == ("done", 1)


async def test_concurrent_triggers_for_one_slot_make_one_run(app, client, cron_settings, unirate):
    answers = await asyncio.gather(
        *(client.post("/internal/cron/rates-snapshot", headers=CRON) for _ in range(4))
    )
    assert sorted(a.json()["created"] for a in answers) == [False, False, False, True]
    assert len({a.json()["run_id"] for a in answers}) == 1
    assert len(unirate.requests) == 1
    assert len(await runs(app)) == 1


async def test_different_jobs_and_slots_are_independent(app, client, cron_settings):
    await client.post("/internal/cron/rates-snapshot", headers=CRON)
    drained = await client.post("/internal/cron/outbox-drain", headers=CRON)
    assert drained.json()["created"] is True
    assert [(run.job, run.status) for run in await runs(app)] == [
        ("rates-snapshot", "done"),
        ("outbox-drain", "done"),
    ]


def test_slots_are_aligned_to_the_jobs_period():
    daily, five_minutes = CRON_JOBS["rates-snapshot"], CRON_JOBS["outbox-drain"]
    moment = datetime(2026, 11, 21, 23, 59, 59, tzinfo=UTC)
    assert daily.slot(moment) == "2026-11-21"
    assert daily.slot(moment + timedelta(seconds=1)) == "2026-11-22"
    assert five_minutes.slot(moment) == "2026-11-21T23:55"
    assert five_minutes.slot(datetime(2026, 11, 21, 10, 4, 59, tzinfo=UTC)) == "2026-11-21T10:00"
    assert five_minutes.slot(datetime(2026, 11, 21, 10, 5, tzinfo=UTC)) == "2026-11-21T10:05"


async def test_a_run_never_picked_up_is_enqueued_again_by_the_next_trigger(
    app, client, cron_settings, unirate
):
    # As if its job had not been published (broker down) long ago in this slot.
    async with session_scope(app.state.sessionmaker) as session:
        slot = CRON_JOBS["rates-snapshot"].slot(datetime.now(UTC))
        session.add(CronRun(job="rates-snapshot", slot=slot, created_at=datetime.now(UTC)))
    recent = await client.post("/internal/cron/rates-snapshot", headers=CRON)
    assert recent.json()["created"] is False  # it may still be on its way
    async with session_scope(app.state.sessionmaker) as session:
        await session.execute(
            update(CronRun).values(created_at=datetime.now(UTC) - timedelta(hours=1))
        )
    stale = await client.post("/internal/cron/rates-snapshot", headers=CRON)
    assert stale.json()["created"] is True
    [run] = await runs(app)
    assert (run.status, run.attempts) == ("done", 2)
    assert unirate.requests == ["/api/rates"]

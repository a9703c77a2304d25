"""The live-event prune: what is older than the retention goes, a client that reconnects within
it still catches up on everything it missed, and ids never go back."""

from datetime import timedelta

from sqlalchemy import select

from cashbook.cron.admin import run_job_now
from cashbook.kit.db import session_scope
from cashbook.live.publish import publish
from cashbook.live.repository import LiveEventRepository
from cashbook.models import LiveEvent
from cashbook.models.base import utcnow
from tests.factories import signed_in_user


async def write_events(app, user_id, ages: list[timedelta]) -> list[int]:
    async with session_scope(app.state.sessionmaker) as session:
        for number, age in enumerate(ages):
            publish(session, [user_id], "transactions", {"n": number})
            await session.flush()
            row = (
                await session.execute(select(LiveEvent).order_by(LiveEvent.id.desc()).limit(1))
            ).scalar_one()
            row.created_at = utcnow() - age
        await session.flush()
        return list((await session.execute(select(LiveEvent.id).order_by(LiveEvent.id))).scalars())


async def kept(app) -> list[int]:
    async with session_scope(app.state.sessionmaker) as session:
        return list((await session.execute(select(LiveEvent.id).order_by(LiveEvent.id))).scalars())


async def test_old_events_go_and_a_client_within_the_retention_catches_up(app, client, settings):
    user = await signed_in_user(app, client, "pruned@example.com")
    hour = timedelta(hours=1)
    ids = await write_events(app, user.id, [30 * hour, 25 * hour, 23 * hour, 1 * hour, 0 * hour])

    summary = await run_job_now(settings, "live-events-prune", lambda *_: None)
    assert summary == "removed 2 live events older than 24 h"
    assert await kept(app) == ids[2:]
    # A client that last saw the second event (a day ago) gets everything after it still kept.
    async with session_scope(app.state.sessionmaker) as session:
        missed = await LiveEventRepository(session).after(ids[1], 1000, user.id)
    assert [row.id for row in missed] == ids[2:]
    assert await run_job_now(settings, "live-events-prune", lambda *_: None) == (
        "removed 0 live events older than 24 h"
    )


async def test_the_newest_event_stays_so_ids_never_go_back(app, client, settings):
    user = await signed_in_user(app, client, "quiet.stream@example.com")
    old = 48 * timedelta(hours=1)
    ids = await write_events(app, user.id, [old, old, old])
    await run_job_now(settings, "live-events-prune", lambda *_: None)
    assert await kept(app) == ids[-1:]
    [next_id] = (await write_events(app, user.id, [timedelta(0)]))[-1:]
    assert next_id > ids[-1]

"""Keeping `live_events` from growing forever: a scheduled prune of what is older than the
retention (`CASHBOOK_LIVE_RETENTION_HOURS`). A client that reconnects within it catches up on
everything it missed; one away for longer reloads what it shows anyway when it comes back."""

from datetime import timedelta

import structlog

from cashbook.live.repository import LiveEventRepository
from cashbook.models.base import utcnow
from cashbook.worker.jobs import JobContext

log = structlog.get_logger(__name__)


async def prune_events(ctx: JobContext) -> str:
    before = utcnow() - timedelta(hours=ctx.settings.live_retention_hours)
    removed = await LiveEventRepository(ctx.session).purge(before)
    log.info("live events pruned", removed=removed)
    return f"removed {removed} live events older than {ctx.settings.live_retention_hours} h"

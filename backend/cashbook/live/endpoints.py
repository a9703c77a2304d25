"""Server-Sent Events: the signed-in person's live events, with catch-up on reconnect."""

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse

from cashbook.auth.backends import CurrentUser
from cashbook.live.hub import LiveHub
from cashbook.live.repository import LiveEventRepository
from cashbook.models import LiveEvent

router = APIRouter(tags=["live"])
CATCH_UP_LIMIT = 1000
KEEP_ALIVE_SECONDS = 15


def _frame(row: LiveEvent) -> str:
    return f"id: {row.id}\nevent: {row.kind}\ndata: {row.data}\n\n"


@router.get(
    "/events",
    operation_id="live:events",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def events(
    request: Request,
    user: CurrentUser,
    last_event_id: Annotated[int | None, Header(alias="Last-Event-ID")] = None,
) -> StreamingResponse:
    """A stream of the signed-in person's live events (text/event-stream). A client that
    reconnects with Last-Event-ID first gets what it missed."""
    hub: LiveHub = request.app.state.live
    sessionmaker = request.app.state.sessionmaker
    user_id = user.id

    async def stream() -> AsyncIterator[str]:
        async with hub.subscribe(user_id) as queue:
            sent = last_event_id or 0
            yield "retry: 2000\n: connected\n\n"
            if last_event_id is not None:
                async with sessionmaker() as session:
                    missed = await LiveEventRepository(session).after(
                        last_event_id, CATCH_UP_LIMIT, user_id
                    )
                for row in missed:
                    sent = row.id
                    yield _frame(row)
            while True:
                try:
                    row = await asyncio.wait_for(queue.get(), KEEP_ALIVE_SECONDS)
                except TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                if row.id > sent:  # already sent in the catch-up
                    sent = row.id
                    yield _frame(row)

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )

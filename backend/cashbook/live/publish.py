"""How any unit of work (a request, a worker's task) tells people's open screens about a
change: rows in `live_events`, committed with the change itself (`live/hub.py` streams them)."""

import json
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models import LiveEvent


def publish(
    session: AsyncSession, user_ids: Iterable[uuid.UUID], kind: str, data: dict[str, Any]
) -> None:
    """Address `kind` with `data` to each of `user_ids` (and no one else)."""
    text = json.dumps(data)
    session.add_all(LiveEvent(user_id=user_id, kind=kind, data=text) for user_id in set(user_ids))

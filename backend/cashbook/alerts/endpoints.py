from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Query, status

from cashbook.alerts.kinds import AlertKind
from cashbook.alerts.schemas import (
    MarkRead,
    NotificationRead,
    PreferenceRead,
    PreferenceSet,
    UnreadCount,
)
from cashbook.alerts.service import alert_service
from cashbook.auth.backends import CurrentUser
from cashbook.kit.deps import SessionDep
from cashbook.models import Notification

router = APIRouter(prefix="/notifications", tags=["notifications"])


@router.get("", operation_id="notifications:list", response_model=list[NotificationRead])
async def list_notifications(
    session: SessionDep,
    user: CurrentUser,
    unread: bool = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Sequence[Notification]:
    """The signed-in person's notifications, newest first."""
    return await alert_service.visible(session, user, unread=unread, limit=limit)


@router.get("/unread-count", operation_id="notifications:unread_count", response_model=UnreadCount)
async def unread_count(session: SessionDep, user: CurrentUser) -> UnreadCount:
    """How many notifications are unread (the bell's number)."""
    return UnreadCount(count=await alert_service.unread_count(session, user))


@router.post(
    "/read", operation_id="notifications:mark_read", status_code=status.HTTP_204_NO_CONTENT
)
async def mark_read(data: MarkRead, session: SessionDep, user: CurrentUser) -> None:
    """Mark the given notifications (or all of them) read."""
    await alert_service.mark_read(session, user, data.ids)


@router.get(
    "/preferences", operation_id="notifications:preferences", response_model=list[PreferenceRead]
)
async def preferences(session: SessionDep, user: CurrentUser) -> list[PreferenceRead]:
    """For each kind of alert: in-app and email on or off, and its threshold."""
    return await alert_service.preferences(session, user)


@router.put(
    "/preferences/{kind}",
    operation_id="notifications:set_preference",
    response_model=PreferenceRead,
)
async def set_preference(
    kind: AlertKind, data: PreferenceSet, session: SessionDep, user: CurrentUser
) -> PreferenceRead:
    """Switch an alert's in-app and email delivery; set the large-transaction threshold."""
    return await alert_service.set_preference(session, user, kind, data)

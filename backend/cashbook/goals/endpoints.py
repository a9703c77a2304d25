import uuid

from fastapi import APIRouter, status

from cashbook.auth.backends import CurrentUser
from cashbook.goals.schemas import (
    ContributionCreate,
    ContributionRead,
    GoalCreate,
    GoalRead,
    GoalUpdate,
    InvitationRead,
    Invite,
)
from cashbook.goals.service import GoalNotFound, InvalidGoalAmount, goal_service
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.kit.openapi import raises

router = APIRouter(prefix="/goals", tags=["goals"])


@router.get("", operation_id="goals:list", response_model=list[GoalRead])
async def list_goals(session: SessionDep, user: CurrentUser) -> list[GoalRead]:
    """The goals the signed-in person owns or has joined."""
    return await goal_service.visible(session, user)


@router.post(
    "",
    operation_id="goals:create",
    response_model=GoalRead,
    status_code=status.HTTP_201_CREATED,
    responses=raises(InvalidGoalAmount),
)
async def create_goal(data: GoalCreate, session: SessionDep, user: CurrentUser) -> GoalRead:
    """Add a savings goal."""
    return await goal_service.create(session, user, data)


@router.get("/invitations", operation_id="goals:invitations", response_model=list[InvitationRead])
async def invitations(session: SessionDep, user: CurrentUser) -> list[InvitationRead]:
    """Goals shared with the signed-in person's email, not yet accepted."""
    return await goal_service.invitations(session, user)


@router.get(
    "/{goal_id}", operation_id="goals:get", response_model=GoalRead, responses=raises(GoalNotFound)
)
async def get_goal(goal_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> GoalRead:
    """One goal with its progress and members."""
    return await goal_service.get(session, user, goal_id)


@router.patch(
    "/{goal_id}",
    operation_id="goals:update",
    response_model=GoalRead,
    responses=raises(GoalNotFound, InvalidGoalAmount),
)
async def update_goal(
    goal_id: uuid.UUID, changes: GoalUpdate, session: SessionDep, user: CurrentUser
) -> GoalRead:
    """Rename a goal or change its target (owner only)."""
    return await goal_service.update(session, user, goal_id, changes)


@router.delete(
    "/{goal_id}",
    operation_id="goals:delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=raises(GoalNotFound),
)
async def delete_goal(goal_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> None:
    """Delete a goal (owner only)."""
    await goal_service.delete(session, user, goal_id)


@router.get(
    "/{goal_id}/contributions",
    operation_id="goals:contributions",
    response_model=list[ContributionRead],
    responses=raises(GoalNotFound),
)
async def contributions(
    goal_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> list[ContributionRead]:
    """Every member's contributions to a goal."""
    return await goal_service.contributions(session, user, goal_id)


@router.post(
    "/{goal_id}/contributions",
    operation_id="goals:contribute",
    response_model=GoalRead,
    status_code=status.HTTP_201_CREATED,
    responses=raises(GoalNotFound),
)
async def contribute(
    goal_id: uuid.UUID,
    data: ContributionCreate,
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
) -> GoalRead:
    """Put money towards a goal (owner or member); returns the goal."""
    return await goal_service.contribute(session, settings, user, goal_id, data)


@router.post(
    "/{goal_id}/members",
    operation_id="goals:invite",
    response_model=GoalRead,
    responses=raises(GoalNotFound),
)
async def invite(
    goal_id: uuid.UUID, data: Invite, session: SessionDep, settings: SettingsDep, user: CurrentUser
) -> GoalRead:
    """Share a goal: invite someone by email (owner only)."""
    return await goal_service.invite(session, settings, user, goal_id, str(data.email))


@router.post(
    "/{goal_id}/join",
    operation_id="goals:join",
    response_model=GoalRead,
    responses=raises(GoalNotFound),
)
async def join(goal_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> GoalRead:
    """Accept an invitation sent to the signed-in person's email."""
    return await goal_service.join(session, user, goal_id)


@router.delete(
    "/{goal_id}/members/{member_id}",
    operation_id="goals:remove_member",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=raises(GoalNotFound),
)
async def remove_member(
    goal_id: uuid.UUID, member_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> None:
    """Remove a member (owner), or leave (the member themself)."""
    await goal_service.remove_member(session, user, goal_id, member_id)

"""Savings goals: progress, the monthly amount needed and a projected date; sharing with other
people by email invitation. A member sees the goal and its contributions, nothing else."""

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.service import account_service
from cashbook.alerts.kinds import AlertKind
from cashbook.alerts.service import alert_service
from cashbook.budgets.months import add_months, month_of
from cashbook.config import Settings
from cashbook.goals.repository import GoalRepository
from cashbook.goals.schemas import (
    ContributionCreate,
    ContributionRead,
    GoalCreate,
    GoalRead,
    GoalUpdate,
    InvitationRead,
    MemberRead,
)
from cashbook.kit.errors import CashbookError, Conflict, NotFound
from cashbook.kit.money import to_minor, to_text
from cashbook.live.publish import publish
from cashbook.models import Goal, GoalContribution, GoalMember, User
from cashbook.models.base import utcnow
from cashbook.notifications import messages
from cashbook.notifications.service import MailService


class GoalNotFound(NotFound):
    code = "GOAL_NOT_FOUND"


class NotTheOwner(NotFound):
    """Only the owner changes, shares or deletes a goal; to a member it reads as missing."""

    code = "GOAL_NOT_FOUND"


class LinkedToAccount(Conflict):
    code = "GOAL_LINKED_TO_ACCOUNT"


class InvalidGoalAmount(CashbookError):
    status_code = 422
    code = "GOAL_AMOUNT_NOT_POSITIVE"


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def progress(
    saved: int, target: int, target_date: date | None, started: date, today: date
) -> tuple[int, int | None, date | None]:
    """(percent saved, monthly amount needed by the target date, the month the pace so far
    reaches the target). Needed: what is left over the months to the target month (at least
    one), rounded up. Pace: saved per month since the goal's first month."""
    left = target - saved
    percent = saved * 100 // target
    needed = None
    if target_date is not None:
        needed = 0 if left <= 0 else -(-left // max(1, _months_between(today, target_date)))
    if left <= 0:
        return percent, needed, month_of(today)
    elapsed = _months_between(started, today) + 1
    if saved <= 0:
        return percent, needed, None
    return percent, needed, add_months(month_of(today), -(-left * elapsed // saved))


class GoalService:
    async def _get(self, session: AsyncSession, user: User, goal_id: uuid.UUID) -> Goal:
        goal = await GoalRepository(session).get_visible(user.id, goal_id)
        if goal is None:
            raise GoalNotFound("No such goal.")
        return goal

    async def _owned(self, session: AsyncSession, user: User, goal_id: uuid.UUID) -> Goal:
        goal = await self._get(session, user, goal_id)
        if goal.user_id != user.id:
            raise NotTheOwner("No such goal.")
        return goal

    async def saved(self, session: AsyncSession, goal: Goal) -> int:
        repository = GoalRepository(session)
        if goal.account_id is not None:
            return await repository.balance(goal.account_id)
        return await repository.contributed(goal.id)

    async def read(self, session: AsyncSession, user: User, goal: Goal) -> GoalRead:
        saved = await self.saved(session, goal)
        percent, needed, projected = progress(
            saved, goal.target_amount, goal.target_date, goal.created_at.date(), date.today()
        )
        is_owner = goal.user_id == user.id
        members = await GoalRepository(session).members(goal.id)
        return GoalRead(
            id=goal.id,
            name=goal.name,
            currency=goal.currency,
            target_amount=to_text(goal.target_amount, goal.currency),
            target_date=goal.target_date,
            is_owner=is_owner,
            account_id=goal.account_id if is_owner else None,
            saved=to_text(saved, goal.currency),
            percent=percent,
            monthly_needed=None if needed is None else to_text(needed, goal.currency),
            projected_on=projected,
            members=[
                MemberRead(id=m.id, email=m.email, accepted=m.accepted_at is not None)
                for m in members
            ],
        )

    def _target(self, amount: str, currency: str) -> int:
        minor = to_minor(amount, currency)
        if minor <= 0:
            raise InvalidGoalAmount("The amount must be more than zero.")
        return minor

    async def visible(self, session: AsyncSession, user: User) -> list[GoalRead]:
        goals = await GoalRepository(session).visible(user.id)
        return [await self.read(session, user, goal) for goal in goals]

    async def get(self, session: AsyncSession, user: User, goal_id: uuid.UUID) -> GoalRead:
        return await self.read(session, user, await self._get(session, user, goal_id))

    async def create(self, session: AsyncSession, user: User, data: GoalCreate) -> GoalRead:
        currency = user.base_currency
        if data.account_id is not None:
            currency = (await account_service.get(session, user, data.account_id)).currency
        goal = Goal(
            user_id=user.id,
            name=data.name,
            target_amount=self._target(data.target_amount, currency),
            currency=currency,
            target_date=data.target_date,
            account_id=data.account_id,
        )
        await GoalRepository(session).add(goal)
        return await self.read(session, user, goal)

    async def update(
        self, session: AsyncSession, user: User, goal_id: uuid.UUID, changes: GoalUpdate
    ) -> GoalRead:
        goal = await self._owned(session, user, goal_id)
        values = changes.model_dump(exclude_unset=True)
        if values.get("name"):
            goal.name = values["name"]
        if values.get("target_amount"):
            goal.target_amount = self._target(values["target_amount"], goal.currency)
        if "target_date" in values:
            goal.target_date = values["target_date"]
        await session.flush()
        return await self.read(session, user, goal)

    async def delete(self, session: AsyncSession, user: User, goal_id: uuid.UUID) -> None:
        await GoalRepository(session).delete(await self._owned(session, user, goal_id))

    # --- contributions --------------------------------------------------------------------

    async def contributions(
        self, session: AsyncSession, user: User, goal_id: uuid.UUID
    ) -> list[ContributionRead]:
        goal = await self._get(session, user, goal_id)
        return [
            ContributionRead(
                id=row.id,
                member=email,
                amount=to_text(row.amount, goal.currency),
                contributed_on=row.contributed_on,
            )
            for row, email in await GoalRepository(session).contributions(goal.id)
        ]

    async def contribute(
        self,
        session: AsyncSession,
        settings: Settings,
        user: User,
        goal_id: uuid.UUID,
        data: ContributionCreate,
    ) -> GoalRead:
        goal = await self._get(session, user, goal_id)
        if goal.account_id is not None:
            raise LinkedToAccount("This goal's progress is its account's balance.")
        await GoalRepository(session).add(
            GoalContribution(
                goal_id=goal.id,
                user_id=user.id,
                amount=self._target(data.amount, goal.currency),
                contributed_on=data.contributed_on or date.today(),
            )
        )
        saved = await self.saved(session, goal)
        viewers = [goal.user_id, *await GoalRepository(session).member_ids(goal.id)]
        publish(session, viewers, "goal", {"goal_id": str(goal.id)})
        if saved >= goal.target_amount:
            await self._reached(session, settings, goal, viewers)
        return await self.read(session, user, goal)

    async def _reached(
        self, session: AsyncSession, settings: Settings, goal: Goal, people: list[uuid.UUID]
    ) -> None:
        for person_id in people:
            person = await session.get(User, person_id)
            if person is None:
                continue
            await alert_service.fire(
                session,
                settings,
                person,
                AlertKind.goal_reached,
                subject=str(goal.id),
                period="",
                title=f"Goal reached: {goal.name}",
                body=f"{goal.name} has reached its target of "
                f"{to_text(goal.target_amount, goal.currency)} {goal.currency}.",
                data={"goal_id": str(goal.id)},
            )

    # --- sharing ----------------------------------------------------------------------------

    async def invite(
        self, session: AsyncSession, settings: Settings, user: User, goal_id: uuid.UUID, email: str
    ) -> GoalRead:
        goal = await self._owned(session, user, goal_id)
        repository = GoalRepository(session)
        if (
            email.lower() != user.email.lower()
            and await repository.invitation(goal.id, email) is None
        ):
            await repository.add(GoalMember(goal_id=goal.id, email=email.lower()))
            await MailService(settings, session).send(
                messages.goal_invitation(
                    email,
                    "",
                    user.first_name or user.email,
                    goal.name,
                    f"{settings.web_url}/goals",
                    user.language,
                )
            )
        return await self.read(session, user, goal)

    async def invitations(self, session: AsyncSession, user: User) -> list[InvitationRead]:
        return [
            InvitationRead(goal_id=goal.id, name=goal.name, owner=owner)
            for goal, owner in await GoalRepository(session).invitations(user.email)
        ]

    async def join(self, session: AsyncSession, user: User, goal_id: uuid.UUID) -> GoalRead:
        repository = GoalRepository(session)
        invitation = await repository.invitation(goal_id, user.email)
        if invitation is None:
            raise GoalNotFound("No such goal.")
        invitation.user_id, invitation.accepted_at = user.id, invitation.accepted_at or utcnow()
        await session.flush()
        return await self.get(session, user, goal_id)

    async def remove_member(
        self, session: AsyncSession, user: User, goal_id: uuid.UUID, member_id: uuid.UUID
    ) -> None:
        """The owner removes anyone; a member removes only themself (leaving)."""
        goal = await self._get(session, user, goal_id)
        repository = GoalRepository(session)
        member = await repository.member(goal.id, member_id)
        if member is None or (goal.user_id != user.id and member.user_id != user.id):
            raise GoalNotFound("No such member.")
        await repository.remove_member(member)


goal_service = GoalService()

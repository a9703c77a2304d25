import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, or_, select

from cashbook.models import Account, Goal, GoalContribution, GoalMember, Transaction, User


class GoalRepository:
    def __init__(self, session) -> None:
        self.session = session

    def _visible(self, user_id: uuid.UUID):
        """Goals the person owns or has joined; anyone else's read as missing."""
        joined = select(GoalMember.goal_id).where(
            GoalMember.user_id == user_id, GoalMember.accepted_at.is_not(None)
        )
        return select(Goal).where(or_(Goal.user_id == user_id, Goal.id.in_(joined)))

    async def visible(self, user_id: uuid.UUID) -> Sequence[Goal]:
        statement = self._visible(user_id).order_by(Goal.created_at, Goal.id)
        return (await self.session.execute(statement)).scalars().all()

    async def get_visible(self, user_id: uuid.UUID, goal_id: uuid.UUID) -> Goal | None:
        statement = self._visible(user_id).where(Goal.id == goal_id)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def add(self, row) -> None:
        self.session.add(row)
        await self.session.flush()

    async def delete(self, row) -> None:
        await self.session.delete(row)
        await self.session.flush()

    async def members(self, goal_id: uuid.UUID) -> Sequence[GoalMember]:
        statement = (
            select(GoalMember).where(GoalMember.goal_id == goal_id).order_by(GoalMember.created_at)
        )
        return (await self.session.execute(statement)).scalars().all()

    async def member(self, goal_id: uuid.UUID, member_id: uuid.UUID) -> GoalMember | None:
        statement = select(GoalMember).where(
            GoalMember.goal_id == goal_id, GoalMember.id == member_id
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def invitation(self, goal_id: uuid.UUID, email: str) -> GoalMember | None:
        statement = select(GoalMember).where(
            GoalMember.goal_id == goal_id, func.lower(GoalMember.email) == email.lower()
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def invitations(self, email: str) -> Sequence[tuple[Goal, str]]:
        statement = (
            select(Goal, User.email)
            .join(GoalMember, GoalMember.goal_id == Goal.id)
            .join(User, User.id == Goal.user_id)
            .where(func.lower(GoalMember.email) == email.lower(), GoalMember.accepted_at.is_(None))
        )
        return (await self.session.execute(statement)).tuples().all()

    async def contributions(self, goal_id: uuid.UUID) -> Sequence[tuple[GoalContribution, str]]:
        statement = (
            select(GoalContribution, User.email)
            .join(User, User.id == GoalContribution.user_id)
            .where(GoalContribution.goal_id == goal_id)
            .order_by(GoalContribution.contributed_on, GoalContribution.created_at)
        )
        return (await self.session.execute(statement)).tuples().all()

    async def contributed(self, goal_id: uuid.UUID) -> int:
        statement = select(func.coalesce(func.sum(GoalContribution.amount), 0)).where(
            GoalContribution.goal_id == goal_id
        )
        return int((await self.session.execute(statement)).scalar_one())

    async def balance(self, account_id: uuid.UUID) -> int:
        opening = select(Account.opening_balance).where(Account.id == account_id)
        moved = select(func.coalesce(func.sum(Transaction.amount), 0)).where(
            Transaction.account_id == account_id
        )
        start = (await self.session.execute(opening)).scalar_one_or_none() or 0
        return int(start) + int((await self.session.execute(moved)).scalar_one())

    async def member_ids(self, goal_id: uuid.UUID) -> list[uuid.UUID]:
        statement = select(GoalMember.user_id).where(
            GoalMember.goal_id == goal_id,
            GoalMember.accepted_at.is_not(None),
            GoalMember.user_id.is_not(None),
        )
        return list((await self.session.execute(statement)).scalars().all())

    async def remove_member(self, row: GoalMember) -> None:
        await self.session.execute(delete(GoalMember).where(GoalMember.id == row.id))

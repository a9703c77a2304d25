"""Every query about rules: a person's rules in order, their tags, their positions; rule runs
and what they changed."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from cashbook.kit.repository import OwnedRepository
from cashbook.models import Rule, RuleRun, RuleRunChange, RuleTag, Transaction
from cashbook.models.base import utcnow


class RuleRepository(OwnedRepository[Rule]):
    model = Rule

    async def ordered(self, user_id: uuid.UUID, *, enabled_only: bool = False) -> Sequence[Rule]:
        statement = self.owned(user_id).order_by(Rule.position, Rule.id)
        if enabled_only:
            statement = statement.where(Rule.enabled.is_(True))
        return (await self.session.execute(statement)).scalars().all()

    async def next_position(self, user_id: uuid.UUID) -> int:
        statement = select(func.max(Rule.position)).where(Rule.user_id == user_id)
        last = (await self.session.execute(statement)).scalar_one()
        return 0 if last is None else last + 1

    async def tag_ids(self, rule_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
        found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        ids = list(rule_ids)
        if not ids:
            return found
        statement = (
            select(RuleTag.rule_id, RuleTag.tag_id)
            .where(RuleTag.rule_id.in_(ids))
            .order_by(RuleTag.tag_id)
        )
        for rule_id, tag_id in await self.session.execute(statement):
            found[rule_id].append(tag_id)
        return found

    async def set_tags(self, rule_id: uuid.UUID, tag_ids: set[uuid.UUID]) -> None:
        await self.session.execute(delete(RuleTag).where(RuleTag.rule_id == rule_id))
        if tag_ids:
            await self.session.execute(
                insert(RuleTag), [{"rule_id": rule_id, "tag_id": tag} for tag in tag_ids]
            )

    async def set_positions(self, rules: Sequence[Rule], order: list[uuid.UUID]) -> None:
        """Number `rules` in the order of their ids in `order`."""
        position = {rule_id: n for n, rule_id in enumerate(order)}
        for rule in rules:
            rule.position = position[rule.id]
        await self.session.flush()


class RuleRunRepository(OwnedRepository[RuleRun]):
    model = RuleRun

    async def latest(self, user_id: uuid.UUID, limit: int) -> Sequence[RuleRun]:
        statement = self.owned(user_id).order_by(RuleRun.created_at.desc(), RuleRun.id).limit(limit)
        return (await self.session.execute(statement)).scalars().all()

    async def claim(self, run_id: uuid.UUID, before: str, after: str) -> bool:
        """Move a run from one status to the next, if no one else did: true when this call did."""
        changed = await self.session.execute(
            update(RuleRun)
            .where(RuleRun.id == run_id, RuleRun.status == before)
            .values(status=after, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return changed.rowcount == 1

    async def transactions_after(
        self, user_id: uuid.UUID, after: uuid.UUID | None, limit: int
    ) -> Sequence[Transaction]:
        """The person's transactions in id order, a keyset page at a time."""
        statement = select(Transaction).where(Transaction.user_id == user_id)
        if after is not None:
            statement = statement.where(Transaction.id > after)
        statement = statement.order_by(Transaction.id).limit(limit)
        return (await self.session.execute(statement)).scalars().all()

    async def changes(self, run_id: uuid.UUID, limit: int) -> Sequence[RuleRunChange]:
        statement = (
            select(RuleRunChange)
            .where(RuleRunChange.run_id == run_id)
            .order_by(RuleRunChange.id)
            .limit(limit)
        )
        return (await self.session.execute(statement)).scalars().all()

    async def record(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            await self.session.execute(insert(RuleRunChange), rows)

    async def forget(self, changes: Sequence[RuleRunChange]) -> None:
        ids = [change.id for change in changes]
        await self.session.execute(delete(RuleRunChange).where(RuleRunChange.id.in_(ids)))

    async def existing_rules(self, user_id: uuid.UUID, ids: set[uuid.UUID]) -> set[uuid.UUID]:
        if not ids:
            return set()
        statement = select(Rule.id).where(Rule.user_id == user_id, Rule.id.in_(ids))
        return set((await self.session.execute(statement)).scalars().all())

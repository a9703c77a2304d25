"""Every query about rules: a person's rules in order, their tags, their positions."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, insert, select

from cashbook.kit.repository import OwnedRepository
from cashbook.models import Rule, RuleTag


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

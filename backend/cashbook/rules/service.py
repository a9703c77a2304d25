"""Rules: a person's ordered rules that categorise, tag and name transactions as they are
stored (`rules/enricher.py`, the enrich stage of the ledger's write path).

Conditions, names and display names are encrypted (`Rule.__encrypted__`); the API reads and
writes them in the clear.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.kit.encryption import Keys
from cashbook.kit.errors import CashbookError, LimitReached, NotFound
from cashbook.ledger.service import check_references
from cashbook.models import Rule, User
from cashbook.rules.enricher import open_rule
from cashbook.rules.matching import PATTERN_LIMIT
from cashbook.rules.repository import RuleRepository
from cashbook.rules.schemas import MAX_RULES, Condition, RuleCreate, RuleOrder, RuleUpdate
from cashbook.transactions.service import transaction_service

CONDITIONS = TypeAdapter(list[Condition])


class RuleNotFound(NotFound):
    code = "RULE_NOT_FOUND"


class RuleWithoutAction(CashbookError):
    code = "RULE_WITHOUT_ACTION"
    status_code = 422


class RuleOrderMismatch(CashbookError):
    code = "RULE_ORDER_MISMATCH"
    status_code = 422


def _seal(keys: Keys, rule: Rule, values: dict[str, Any]) -> None:
    for column in Rule.__encrypted__:
        if column in values:
            context = Rule.field_context(column, rule.id, rule.user_id)
            setattr(rule, column, keys.cipher.encrypt(values[column], context))


class RuleService:
    def _read(self, keys: Keys, rule: Rule, tag_ids: list[uuid.UUID]) -> dict[str, Any]:
        texts = open_rule(keys, rule) or {"name": None, "conditions": [], "display_name": None}
        return {
            "id": rule.id,
            "position": rule.position,
            "enabled": rule.enabled,
            "match": rule.match,
            "category_id": rule.category_id,
            "tag_ids": tag_ids,
            "created_at": rule.created_at,
            "updated_at": rule.updated_at,
            **texts,
        }

    async def _check(
        self, session: AsyncSession, user: User, values: dict[str, Any]
    ) -> dict[str, Any]:
        """404 for an account, category or tag of someone else; the conditions as stored."""
        conditions = values.get("conditions") or []
        await check_references(
            session,
            user.id,
            account_ids={c["account_id"] for c in conditions if c["field"] == "account"},
            category_ids={values["category_id"]} if values.get("category_id") else set(),
            tag_ids=set(values.get("tag_ids") or ()),
        )
        if "conditions" in values:
            values["conditions"] = json.dumps(
                CONDITIONS.dump_python(CONDITIONS.validate_python(conditions), mode="json")
            )
        return values

    async def list(self, session: AsyncSession, keys: Keys, user: User) -> list[dict[str, Any]]:
        repository = RuleRepository(session)
        rules = await repository.ordered(user.id)
        tags = await repository.tag_ids(rule.id for rule in rules)
        return [self._read(keys, rule, tags.get(rule.id, [])) for rule in rules]

    async def get(self, session: AsyncSession, user: User, rule_id: uuid.UUID) -> Rule:
        error = RuleNotFound("No such rule.")
        return await RuleRepository(session).get_or_raise(user.id, rule_id, error)

    async def read_one(
        self, session: AsyncSession, keys: Keys, user: User, rule_id: uuid.UUID
    ) -> dict[str, Any]:
        rule = await self.get(session, user, rule_id)
        tags = await RuleRepository(session).tag_ids([rule.id])
        return self._read(keys, rule, tags.get(rule.id, []))

    async def create(
        self, session: AsyncSession, keys: Keys, user: User, data: RuleCreate
    ) -> dict[str, Any]:
        repository = RuleRepository(session)
        values = await self._check(session, user, data.model_dump())
        rule = Rule(
            id=uuid.uuid4(),
            user_id=user.id,
            position=await repository.next_position(user.id),
            enabled=data.enabled,
            match=data.match,
            category_id=data.category_id,
        )
        _seal(keys, rule, values)
        limit = LimitReached(
            f"You have {MAX_RULES} rules, the most one person may have; delete some first.",
            code="RULE_LIMIT_REACHED",
        )
        await repository.add_within(rule, MAX_RULES, limit)
        await repository.set_tags(rule.id, set(data.tag_ids))
        return await self.read_one(session, keys, user, rule.id)

    async def update(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        rule_id: uuid.UUID,
        changes: RuleUpdate,
    ) -> dict[str, Any]:
        repository = RuleRepository(session)
        rule = await self.get(session, user, rule_id)
        values = await self._check(session, user, changes.model_dump(exclude_unset=True))
        tag_ids = values.pop("tag_ids", None)
        current = open_rule(keys, rule) or {}
        tags = (
            set(tag_ids)
            if tag_ids is not None
            else set((await repository.tag_ids([rule.id]))[rule.id])
        )
        category = values.get("category_id", rule.category_id)
        display_name = values.get("display_name", current.get("display_name"))
        if category is None and not tags and display_name is None:
            raise RuleWithoutAction("A rule sets a category, tags or a display name.")
        _seal(keys, rule, values)
        plain = {k: v for k, v in values.items() if k not in Rule.__encrypted__}
        await repository.update(rule, plain)
        if tag_ids is not None:
            await repository.set_tags(rule.id, tags)
        return await self.read_one(session, keys, user, rule.id)

    async def delete(self, session: AsyncSession, user: User, rule_id: uuid.UUID) -> None:
        """Transactions it categorised keep their category; they no longer name the rule."""
        await RuleRepository(session).delete(await self.get(session, user, rule_id))

    async def draft(
        self, session: AsyncSession, keys: Keys, user: User, transaction_id: uuid.UUID
    ) -> dict[str, Any]:
        """A rule that would treat transactions like this one as the person treated it: same
        counterparty (or description), same direction; its category, tags and name."""
        row = await transaction_service.read_one(session, keys, user, transaction_id)
        counterparty, description = row["counterparty_name"], row["description"]
        if counterparty:
            op = "equals" if len(counterparty) <= PATTERN_LIMIT else "starts_with"
            first = {"field": "counterparty_name", "op": op, "value": counterparty}
        elif description:
            first = {"field": "description", "op": "contains", "value": description}
        else:
            first = {"field": "amount", "op": "equals", "value": row["amount"].lstrip("-")}
        first["value"] = first["value"][:PATTERN_LIMIT]
        direction = "out" if row["amount"].startswith("-") else "in"
        return {
            "name": (counterparty or description or row["amount"])[:100],
            "match": "all",
            "conditions": [first, {"field": "direction", "value": direction}],
            "category_id": row["category_id"],
            "tag_ids": row["tag_ids"],
            "display_name": row["display_name"],
        }

    async def reorder(
        self, session: AsyncSession, keys: Keys, user: User, order: RuleOrder
    ) -> list[dict[str, Any]]:
        repository = RuleRepository(session)
        wanted = order.rule_ids
        if await repository.count_owned(user.id, set(wanted)) != len(set(wanted)):
            raise RuleNotFound("One or more of these rules do not exist.")
        rules = await repository.ordered(user.id)
        if sorted(wanted) != sorted(rule.id for rule in rules):
            raise RuleOrderMismatch("Name every one of your rules once, in the new order.")
        await repository.set_positions(rules, wanted)
        return await self.list(session, keys, user)


rule_service = RuleService()

"""The rules' step of the ledger's enrich stage: each entry gets what the person's enabled
rules say (the first matching rule per field wins) and the id of the first rule that set
something. Bank syncs, statement imports, manual entries and the demo all pass here."""

import json
import uuid
from collections.abc import Iterable
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.kit.encryption import DecryptionFailed, Keys
from cashbook.ledger.records import NewTransaction
from cashbook.models import Rule
from cashbook.rules.matching import CompiledRule, Facts, evaluate
from cashbook.rules.repository import RuleRepository

log = structlog.get_logger(__name__)


def open_rule(keys: Keys, rule: Rule) -> dict[str, Any] | None:
    """A rule's encrypted texts (conditions parsed), or None when they do not decrypt (altered
    or moved in the database, or under a key no longer configured): such a rule never
    applies."""
    try:
        texts: dict[str, Any] = {
            column: keys.cipher.decrypt(
                getattr(rule, column), Rule.field_context(column, rule.id, rule.user_id)
            )
            for column in Rule.__encrypted__
        }
    except DecryptionFailed as error:
        log.warning("rule failed to decrypt", rule_id=str(rule.id), why=error.why)
        return None
    texts["conditions"] = json.loads(texts["conditions"] or "[]")
    return texts


def compile_rule(keys: Keys, rule: Rule, tag_ids: Iterable[uuid.UUID]) -> CompiledRule | None:
    """A rule as the matcher uses it, or None when it does not decrypt."""
    texts = open_rule(keys, rule)
    if texts is None:
        return None
    return CompiledRule(
        id=rule.id,
        match=rule.match,
        conditions=texts["conditions"],
        category_id=rule.category_id,
        tag_ids=frozenset(tag_ids),
        display_name=texts["display_name"],
    )


async def compiled_rules(
    session: AsyncSession, keys: Keys, user_id: uuid.UUID
) -> list[CompiledRule]:
    """The person's enabled rules, in order, decrypted for matching."""
    repository = RuleRepository(session)
    rules = await repository.ordered(user_id, enabled_only=True)
    tags = await repository.tag_ids(rule.id for rule in rules)
    compiled = (compile_rule(keys, rule, tags.get(rule.id, ())) for rule in rules)
    return [rule for rule in compiled if rule is not None]


def facts(entry: NewTransaction) -> Facts:
    return Facts(
        account_id=entry.account_id,
        amount=entry.amount,
        currency=entry.currency,
        description=entry.description,
        counterparty_name=entry.counterparty_name,
        counterparty_account=entry.counterparty_account,
    )


async def apply_rules(
    session: AsyncSession, keys: Keys, user_id: uuid.UUID, entries: list[NewTransaction]
) -> None:
    rules = await compiled_rules(session, keys, user_id)
    if not rules:
        return
    for entry in entries:
        outcome = evaluate(
            rules,
            facts(entry),
            has_category=entry.category_id is not None,
            has_display_name=entry.display_name is not None,
        )
        if outcome.rule_id is None:
            continue
        if outcome.category_id is not None:
            entry.category_id = outcome.category_id
        if outcome.display_name is not None:
            entry.display_name = outcome.display_name
        entry.tag_ids = {*entry.tag_ids, *outcome.tag_ids}
        entry.rule_id = outcome.rule_id

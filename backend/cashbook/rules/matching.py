"""What a rule means, evaluated on one entry: pure functions, no database.

Text conditions compare case-insensitively (both sides NFKC-normalised and case-folded).
`matches` takes a glob pattern over the whole text: `*` stands for any run of characters
(also none), `?` for exactly one; nothing else is special. It is matched by the two-pointer
wildcard algorithm, which never backtracks further than the last `*`: at most
len(text) × len(pattern) steps, and patterns are at most `PATTERN_LIMIT` characters, so no
input can make it slow (there is no regular-expression engine involved).

Amount conditions compare the size of the amount without its sign, in the transaction's own
currency ("above 1000" is any payment or income over 1000); the direction condition tells
money in from money out.
"""

import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cashbook.kit.money import exponent

PATTERN_LIMIT = 100
TEXT_FIELDS = ("description", "counterparty_name", "counterparty_account")


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def glob_match(pattern: str, text: str) -> bool:
    """Whether `text` as a whole matches the glob `pattern` (`*` and `?` only)."""
    p = t = 0
    star = -1  # position in the pattern just after the last `*` seen
    star_text = 0  # where in the text that `*` currently stops
    while t < len(text):
        if p < len(pattern) and (
            pattern[p] == "?" or (pattern[p] != "*" and pattern[p] == text[t])
        ):
            p += 1
            t += 1
        elif p < len(pattern) and pattern[p] == "*":
            star, star_text = p + 1, t
            p += 1
        elif star >= 0:
            # The last `*` swallows one more character; everything before it stays matched.
            star_text += 1
            p, t = star, star_text
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


def _text_matches(op: str, wanted: str, text: str | None) -> bool:
    if text is None:
        return False
    wanted, text = fold(wanted), fold(text)
    if op == "contains":
        return wanted in text
    if op == "starts_with":
        return text.startswith(wanted)
    if op == "equals":
        return text == wanted
    return glob_match(wanted, text)


def size(amount: int, currency: str) -> Decimal:
    """An amount in minor units as a decimal of its currency, without its sign."""
    return Decimal(abs(amount)).scaleb(-exponent(currency))


@dataclass(frozen=True, slots=True)
class Facts:
    """What conditions can look at in one entry."""

    account_id: uuid.UUID
    amount: int
    currency: str
    description: str | None
    counterparty_name: str | None
    counterparty_account: str | None


def condition_holds(condition: dict[str, Any], facts: Facts) -> bool:
    """One condition, as stored (the JSON form of `schemas.Condition`)."""
    kind = condition["field"]
    if kind in TEXT_FIELDS:
        return _text_matches(condition["op"], condition["value"], getattr(facts, kind))
    if kind == "amount":
        value, op = size(facts.amount, facts.currency), condition["op"]
        low = Decimal(condition["value"]).copy_abs()
        if op == "equals":
            return value == low
        if op == "above":
            return value > low
        if op == "below":
            return value < low
        high = Decimal(condition["value_to"]).copy_abs()
        return min(low, high) <= value <= max(low, high)
    if kind == "account":
        return str(facts.account_id) == condition["account_id"]
    if kind == "direction":
        return (facts.amount > 0) if condition["value"] == "in" else (facts.amount < 0)
    return facts.currency == condition["value"]


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """An enabled rule, decrypted, as the matcher uses it."""

    id: uuid.UUID
    match: str  # "all" | "any"
    conditions: list[dict[str, Any]]
    category_id: uuid.UUID | None = None
    tag_ids: frozenset[uuid.UUID] = frozenset()
    display_name: str | None = None

    def matches(self, facts: Facts) -> bool:
        results = (condition_holds(c, facts) for c in self.conditions)
        return all(results) if self.match == "all" else any(results)


@dataclass(slots=True)
class Outcome:
    """What the rules set on one entry. Per field, the first matching rule that sets it wins;
    `rule_id` is the first rule that set anything."""

    category_id: uuid.UUID | None = None
    tag_ids: frozenset[uuid.UUID] = frozenset()
    display_name: str | None = None
    rule_id: uuid.UUID | None = None
    tags_set: bool = field(default=False, repr=False)


def evaluate(
    rules: Sequence[CompiledRule],
    facts: Facts,
    *,
    has_category: bool = False,
    has_display_name: bool = False,
) -> Outcome:
    """Run the rules, in order, on one entry. What the entry already has (a category or a
    display name chosen by the person) is not overridden."""
    outcome = Outcome()
    category_done, name_done = has_category, has_display_name
    for rule in rules:
        if category_done and name_done and outcome.tags_set:
            break
        if not rule.matches(facts):
            continue
        applied = False
        if rule.category_id is not None and not category_done:
            outcome.category_id, category_done, applied = rule.category_id, True, True
        if rule.tag_ids and not outcome.tags_set:
            outcome.tag_ids, outcome.tags_set, applied = rule.tag_ids, True, True
        if rule.display_name is not None and not name_done:
            outcome.display_name, name_done, applied = rule.display_name, True, True
        if applied and outcome.rule_id is None:
            outcome.rule_id = rule.id
    return outcome

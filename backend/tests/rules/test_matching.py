"""Rule semantics without a database: each operator, all/any, order, first match per field,
and the pattern matcher against an independent implementation."""

import fnmatch
import uuid
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashbook.rules.matching import (
    PATTERN_LIMIT,
    CompiledRule,
    Facts,
    evaluate,
    fold,
    glob_match,
)

ACCOUNT, OTHER_ACCOUNT = uuid.uuid4(), uuid.uuid4()
GROCERIES, FUEL = uuid.uuid4(), uuid.uuid4()
TAG_A, TAG_B = uuid.uuid4(), uuid.uuid4()


def facts(**fields) -> Facts:
    values = {
        "account_id": ACCOUNT,
        "amount": -37250,
        "currency": "CZK",
        "description": "Platba kartou ALBERT 0412 Praha",
        "counterparty_name": "Albert Česká republika",
        "counterparty_account": "123457/0100",
        **fields,
    }
    return Facts(**values)


def rule(*conditions, match="all", **actions) -> CompiledRule:
    return CompiledRule(id=uuid.uuid4(), match=match, conditions=list(conditions), **actions)


def holds(condition, **fields) -> bool:
    return rule(condition, category_id=GROCERIES).matches(facts(**fields))


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"field": "description", "op": "contains", "value": "albert"}, True),
        ({"field": "description", "op": "contains", "value": "billa"}, False),
        ({"field": "description", "op": "starts_with", "value": "PLATBA kartou"}, True),
        ({"field": "description", "op": "starts_with", "value": "albert"}, False),
        ({"field": "counterparty_name", "op": "equals", "value": "ALBERT ČESKÁ REPUBLIKA"}, True),
        ({"field": "counterparty_name", "op": "equals", "value": "Albert"}, False),
        ({"field": "counterparty_account", "op": "matches", "value": "*/0100"}, True),
        ({"field": "counterparty_account", "op": "matches", "value": "12345?/0100"}, True),
        ({"field": "counterparty_account", "op": "matches", "value": "1234?/0100"}, False),
        ({"field": "description", "op": "matches", "value": "*albert*praha"}, True),
        ({"field": "description", "op": "matches", "value": "albert*"}, False),
        ({"field": "amount", "op": "equals", "value": "372.5"}, True),
        ({"field": "amount", "op": "equals", "value": "-372.50"}, True),
        ({"field": "amount", "op": "above", "value": "372.49"}, True),
        ({"field": "amount", "op": "above", "value": "372.50"}, False),
        ({"field": "amount", "op": "below", "value": "372.51"}, True),
        ({"field": "amount", "op": "below", "value": "372.50"}, False),
        ({"field": "amount", "op": "between", "value": "300", "value_to": "372.50"}, True),
        ({"field": "amount", "op": "between", "value": "400", "value_to": "300"}, True),
        ({"field": "amount", "op": "between", "value": "372.51", "value_to": "500"}, False),
        ({"field": "account", "account_id": str(ACCOUNT)}, True),
        ({"field": "account", "account_id": str(OTHER_ACCOUNT)}, False),
        ({"field": "direction", "value": "out"}, True),
        ({"field": "direction", "value": "in"}, False),
        ({"field": "currency", "value": "CZK"}, True),
        ({"field": "currency", "value": "EUR"}, False),
    ],
)
def test_each_operator(condition, expected):
    assert holds(condition) is expected


def test_a_missing_text_matches_no_text_condition():
    for op in ("contains", "starts_with", "equals", "matches"):
        assert not holds({"field": "description", "op": op, "value": "*"}, description=None)


def test_amounts_are_read_in_the_transactions_currency():
    yen = {"field": "amount", "op": "equals", "value": "500"}
    assert holds(yen, amount=-500, currency="JPY")
    assert not holds(yen, amount=-500, currency="CZK")  # 5.00 CZK
    assert holds({"field": "amount", "op": "equals", "value": "1.234"}, amount=1234, currency="KWD")


def test_all_needs_every_condition_and_any_needs_one():
    yes = {"field": "direction", "value": "out"}
    no = {"field": "currency", "value": "EUR"}
    assert rule(yes, no, category_id=GROCERIES).matches(facts()) is False
    assert rule(yes, no, match="any", category_id=GROCERIES).matches(facts()) is True
    assert rule(no, no, match="any", category_id=GROCERIES).matches(facts()) is False


def test_the_first_matching_rule_wins_each_field_and_is_named():
    albert = {"field": "description", "op": "contains", "value": "albert"}
    out = {"field": "direction", "value": "out"}
    never = {"field": "currency", "value": "EUR"}
    rules = [
        rule(never, category_id=FUEL, display_name="never"),
        rule(albert, category_id=GROCERIES),
        rule(out, category_id=FUEL, tag_ids=frozenset({TAG_A}), display_name="Albert"),
        rule(out, tag_ids=frozenset({TAG_B}), display_name="later"),
    ]
    outcome = evaluate(rules, facts())
    assert outcome.category_id == GROCERIES
    assert outcome.tag_ids == {TAG_A}
    assert outcome.display_name == "Albert"
    assert outcome.rule_id == rules[1].id


def test_what_the_person_chose_is_kept():
    rules = [rule({"field": "direction", "value": "out"}, category_id=FUEL, display_name="x")]
    outcome = evaluate(rules, facts(), has_category=True, has_display_name=True)
    assert (outcome.category_id, outcome.display_name, outcome.rule_id) == (None, None, None)


def test_no_rule_no_outcome():
    outcome = evaluate([rule({"field": "currency", "value": "EUR"}, category_id=FUEL)], facts())
    assert outcome.rule_id is None and outcome.category_id is None


def test_a_pathological_pattern_finishes():
    # A backtracking matcher takes exponential time on this; the two-pointer matcher is at
    # most len(text) × len(pattern) steps by construction.
    pattern = "*a" * (PATTERN_LIMIT // 2)
    assert not glob_match(pattern, "a" * 5000 + "b")
    assert glob_match("*a" * (PATTERN_LIMIT // 2), "a" * 5000)


# --- property: the matcher agrees with an independent evaluator ------------------------------

ALPHABET = "abAB*?é "
patterns = st.text(alphabet=ALPHABET, max_size=12)
texts = st.text(alphabet="abABé? *", max_size=20)


@given(patterns, texts)
def test_glob_agrees_with_fnmatch(pattern, text):
    # fnmatch translates to a regular expression; only `*` and `?` occur, so they agree.
    assert glob_match(pattern, text) == fnmatch.fnmatchcase(text, pattern)


TEXT_FIELDS = ["description", "counterparty_name", "counterparty_account"]
text_conditions = st.fixed_dictionaries(
    {
        "field": st.sampled_from(TEXT_FIELDS),
        "op": st.sampled_from(["contains", "starts_with", "equals", "matches"]),
        "value": st.text(alphabet="abAB*?", min_size=1, max_size=4),
    }
)
amounts = st.integers(min_value=0, max_value=5000).map(lambda n: str(Decimal(n).scaleb(-2)))
amount_conditions = st.one_of(
    st.fixed_dictionaries(
        {
            "field": st.just("amount"),
            "op": st.sampled_from(["equals", "above", "below"]),
            "value": amounts,
        }
    ),
    st.fixed_dictionaries(
        {
            "field": st.just("amount"),
            "op": st.just("between"),
            "value": amounts,
            "value_to": amounts,
        }
    ),
)
other_conditions = st.one_of(
    st.fixed_dictionaries({"field": st.just("direction"), "value": st.sampled_from(["in", "out"])}),
    st.fixed_dictionaries({"field": st.just("currency"), "value": st.sampled_from(["CZK", "EUR"])}),
    st.fixed_dictionaries(
        {
            "field": st.just("account"),
            "account_id": st.sampled_from([str(ACCOUNT), str(OTHER_ACCOUNT)]),
        }
    ),
)
conditions = st.one_of(text_conditions, amount_conditions, other_conditions)
rule_data = st.fixed_dictionaries(
    {
        "match": st.sampled_from(["all", "any"]),
        "conditions": st.lists(conditions, min_size=1, max_size=3),
        "category": st.sampled_from([None, GROCERIES, FUEL]),
        "tag": st.sampled_from([None, TAG_A, TAG_B]),
        "name": st.sampled_from([None, "A", "B"]),
    }
).filter(lambda r: r["category"] or r["tag"] or r["name"])
entry_data = st.fixed_dictionaries(
    {
        "account_id": st.sampled_from([ACCOUNT, OTHER_ACCOUNT]),
        "amount": st.integers(min_value=-5000, max_value=5000),
        "currency": st.sampled_from(["CZK", "EUR"]),
        "description": st.none() | st.text(alphabet="abAB", max_size=6),
        "counterparty_name": st.none() | st.text(alphabet="abAB", max_size=6),
        "counterparty_account": st.none() | st.text(alphabet="abAB", max_size=6),
    }
)


def _simple_holds(c: dict, e: dict) -> bool:
    """Written from the documented meaning, deliberately unlike the matcher: regular
    expressions for patterns, integer cents for amounts."""
    if c["field"] in TEXT_FIELDS:
        text = e[c["field"]]
        if text is None:
            return False
        text, value = text.lower(), c["value"].lower()  # ASCII data: lower() == casefold()
        return {
            "contains": value in text,
            "starts_with": text[: len(value)] == value,
            "equals": text == value,
            "matches": fnmatch.fnmatchcase(text, value),
        }[c["op"]]
    if c["field"] == "amount":
        cents = abs(e["amount"])  # both currencies have two decimals
        low = int(Decimal(c["value"]) * 100)
        if c["op"] == "between":
            high = int(Decimal(c["value_to"]) * 100)
            return min(low, high) <= cents <= max(low, high)
        return {"equals": cents == low, "above": cents > low, "below": cents < low}[c["op"]]
    if c["field"] == "direction":
        return e["amount"] > 0 if c["value"] == "in" else e["amount"] < 0
    if c["field"] == "currency":
        return e["currency"] == c["value"]
    return str(e["account_id"]) == c["account_id"]


def _simple_evaluate(rules: list[dict], e: dict) -> tuple:
    matching = [
        r
        for r in rules
        if (all if r["match"] == "all" else any)(_simple_holds(c, e) for c in r["conditions"])
    ]
    category = next((r["category"] for r in matching if r["category"]), None)
    tag = next((r["tag"] for r in matching if r["tag"]), None)
    name = next((r["name"] for r in matching if r["name"]), None)
    first = next(
        (i for i, r in enumerate(matching) if r["category"] or r["tag"] or r["name"]), None
    )
    return category, tag, name, None if first is None else matching[first]["id"]


@given(st.lists(rule_data, max_size=6), entry_data)
def test_rules_agree_with_a_simple_evaluator(rules, entry):
    rules = [{**r, "id": uuid.uuid4()} for r in rules]
    compiled = [
        CompiledRule(
            id=r["id"],
            match=r["match"],
            conditions=r["conditions"],
            category_id=r["category"],
            tag_ids=frozenset({r["tag"]}) if r["tag"] else frozenset(),
            display_name=r["name"],
        )
        for r in rules
    ]
    outcome = evaluate(compiled, Facts(**entry))
    tag = next(iter(outcome.tag_ids), None)
    assert (outcome.category_id, tag, outcome.display_name, outcome.rule_id) == _simple_evaluate(
        rules, entry
    )


def test_folding_ignores_case_and_unicode_form():
    assert fold("ŽABKA") == fold("Z\u030cabka")

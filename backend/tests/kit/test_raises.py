"""`raises` declares a route's own errors: one entry per status, described by its codes."""

from cashbook.budgets.service import NegativeBudget, SplitNotHundred, SplitNotSet
from cashbook.goals.service import GoalNotFound, NotTheOwner
from cashbook.kit.errors import ErrorBody
from cashbook.kit.openapi import raises


def test_each_status_once_with_its_codes_in_the_one_error_body():
    declared = raises(SplitNotSet, NegativeBudget, SplitNotHundred)
    assert declared == {
        404: {"model": ErrorBody, "description": "BUDGET_SPLIT_NOT_SET."},
        422: {
            "model": ErrorBody,
            "description": "BUDGET_NEGATIVE, BUDGET_SPLIT_NOT_100 or field errors.",
        },
    }


def test_a_code_raised_by_two_errors_is_named_once():
    # To a member, a goal they do not own reads as missing: the same code.
    assert raises(GoalNotFound, NotTheOwner) == {
        404: {"model": ErrorBody, "description": "GOAL_NOT_FOUND."}
    }

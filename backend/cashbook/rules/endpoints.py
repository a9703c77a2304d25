import uuid
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, status

from cashbook.auth.backends import CurrentUser
from cashbook.kit.deps import SessionDep
from cashbook.kit.encryption import KeysDep
from cashbook.models import RuleRun
from cashbook.rules.runs import rule_run_service
from cashbook.rules.schemas import (
    RuleCreate,
    RuleDraft,
    RuleOrder,
    RulePreview,
    RuleRead,
    RuleRunRead,
    RuleUpdate,
)
from cashbook.rules.service import rule_service

router = APIRouter(prefix="/rules", tags=["rules"])


@router.get("", operation_id="rules:list", response_model=list[RuleRead])
async def list_rules(session: SessionDep, keys: KeysDep, user: CurrentUser) -> list[dict[str, Any]]:
    """The signed-in person's rules, in the order they are tried."""
    return await rule_service.list(session, keys, user)


@router.post(
    "", operation_id="rules:create", response_model=RuleRead, status_code=status.HTTP_201_CREATED
)
async def create_rule(
    data: RuleCreate, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> dict[str, Any]:
    """Add a rule; it is tried after the existing ones."""
    return await rule_service.create(session, keys, user, data)


@router.put("/order", operation_id="rules:reorder", response_model=list[RuleRead])
async def reorder_rules(
    order: RuleOrder, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> list[dict[str, Any]]:
    """Set the order in which the rules are tried."""
    return await rule_service.reorder(session, keys, user, order)


@router.get("/draft", operation_id="rules:draft", response_model=RuleDraft)
async def draft_rule(
    transaction_id: uuid.UUID, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> dict[str, Any]:
    """A rule pre-filled from one of your transactions, to edit before creating it."""
    return await rule_service.draft(session, keys, user, transaction_id)


@router.get("/runs", operation_id="rules:list_runs", response_model=list[RuleRunRead])
async def list_runs(session: SessionDep, user: CurrentUser) -> Sequence[RuleRun]:
    """The latest 20 times a rule was applied to existing transactions, newest first."""
    return await rule_run_service.latest(session, user)


@router.get("/runs/{run_id}", operation_id="rules:get_run", response_model=RuleRunRead)
async def get_run(run_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> RuleRun:
    """How far applying a rule (or undoing that) got."""
    return await rule_run_service.get(session, user, run_id)


@router.post(
    "/runs/{run_id}/undo",
    operation_id="rules:undo_run",
    response_model=RuleRunRead,
    status_code=status.HTTP_202_ACCEPTED,
)
async def undo_run(run_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> RuleRun:
    """Put back what applying a rule changed, as one batch (in the worker)."""
    return await rule_run_service.undo(session, user, run_id)


@router.get("/{rule_id}", operation_id="rules:get", response_model=RuleRead)
async def get_rule(
    rule_id: uuid.UUID, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> dict[str, Any]:
    """Read one rule."""
    return await rule_service.read_one(session, keys, user, rule_id)


@router.patch("/{rule_id}", operation_id="rules:update", response_model=RuleRead)
async def update_rule(
    rule_id: uuid.UUID, changes: RuleUpdate, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> dict[str, Any]:
    """Change a rule, or enable or disable it."""
    return await rule_service.update(session, keys, user, rule_id, changes)


@router.delete("/{rule_id}", operation_id="rules:delete", status_code=status.HTTP_204_NO_CONTENT)
async def delete_rule(rule_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> None:
    """Delete a rule; what it set on transactions stays."""
    await rule_service.delete(session, user, rule_id)


@router.get("/{rule_id}/preview", operation_id="rules:preview", response_model=RulePreview)
async def preview_rule(
    rule_id: uuid.UUID, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> dict[str, Any]:
    """Dry run: how many existing transactions the rule matches and would change."""
    return await rule_run_service.preview(session, keys, user, rule_id)


@router.post(
    "/{rule_id}/runs",
    operation_id="rules:apply",
    response_model=RuleRunRead,
    status_code=status.HTTP_202_ACCEPTED,
)
async def apply_rule(
    rule_id: uuid.UUID, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> RuleRun:
    """Apply the rule to existing transactions, in the worker; follow it at /rules/runs/{id}."""
    return await rule_run_service.start(session, keys, user, rule_id)

import uuid
from typing import Any

from fastapi import APIRouter, status

from cashbook.auth.backends import CurrentUser
from cashbook.kit.deps import SessionDep
from cashbook.kit.encryption import KeysDep
from cashbook.rules.schemas import RuleCreate, RuleOrder, RuleRead, RuleUpdate
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

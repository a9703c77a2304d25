"""Who is behind a request's changes: the signed-in person, or the administrator
impersonating them (the token's actor)."""

from typing import Annotated

from fastapi import Depends, Request

from cashbook.admin.impersonation import current_impersonation
from cashbook.auth.backends import CurrentUser
from cashbook.history.service import Actor
from cashbook.models.transaction_version import ActorKind


async def _actor(request: Request, user: CurrentUser) -> Actor:
    acting = current_impersonation(request)
    if acting is not None:
        return Actor(ActorKind.admin, acting.actor_id)
    return Actor(ActorKind.person, user.id)


CurrentActor = Annotated[Actor, Depends(_actor)]

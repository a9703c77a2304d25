"""The signed-in person acting as themselves: what an administrator impersonating them may
not do (change how they sign in, take their data out, delete the account)."""

from typing import Annotated

from fastapi import Depends, Request

from cashbook.admin.impersonation import current_impersonation
from cashbook.auth.backends import CurrentUser
from cashbook.kit.errors import PermissionDenied
from cashbook.models import User


class NotWhileImpersonating(PermissionDenied):
    code = "IMPERSONATION_FORBIDDEN"


async def _in_person(request: Request, user: CurrentUser) -> User:
    if current_impersonation(request) is not None:
        raise NotWhileImpersonating("Only the person themselves may do this.")
    return user


CurrentPerson = Annotated[User, Depends(_in_person)]

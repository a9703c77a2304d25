"""The signed-in person acting as themselves: what an administrator impersonating them may
not do (change how they sign in, take their data out, delete the account)."""

from typing import Annotated

from fastapi import Depends, Request

from cashbook.admin.impersonation import current_impersonation
from cashbook.auth.backends import CurrentUser, SignedInUser
from cashbook.kit.errors import PermissionDenied
from cashbook.models import User


class NotWhileImpersonating(PermissionDenied):
    code = "IMPERSONATION_FORBIDDEN"


def _refuse_impersonation(request: Request) -> None:
    if current_impersonation(request) is not None:
        raise NotWhileImpersonating("Only the person themselves may do this.")


async def _in_person(request: Request, user: CurrentUser) -> User:
    _refuse_impersonation(request)
    return user


async def _signed_in_person(request: Request, user: SignedInUser) -> User:
    _refuse_impersonation(request)
    return user


CurrentPerson = Annotated[User, Depends(_in_person)]
# Also before the email is verified (deleting the account is always allowed).
SignedInPerson = Annotated[User, Depends(_signed_in_person)]

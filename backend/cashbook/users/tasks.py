"""Verification and reset emails asked for by address. The request only queues the job, so it
takes the same time whether or not the address has an account; the job finds out."""

from fastapi_users import exceptions

from cashbook.models import User
from cashbook.notifications.service import MailService
from cashbook.users.repository import UserRepository
from cashbook.users.service import UserManager
from cashbook.worker.jobs import JobContext, job

RESET_JOB = "users.send_reset_link"
VERIFY_JOB = "users.send_verification_link"


def _manager(ctx: JobContext) -> UserManager:
    users = UserRepository(ctx.session, User)
    return UserManager(users, ctx.settings, MailService(ctx.settings, ctx.session))


@job(RESET_JOB, queue="email", soft_time_limit=60, time_limit=90)
async def send_reset_link(ctx: JobContext, email: str) -> None:
    manager = _manager(ctx)
    try:
        await manager.forgot_password(await manager.get_by_email(email))
    except (exceptions.UserNotExists, exceptions.UserInactive):
        return


@job(VERIFY_JOB, queue="email", soft_time_limit=60, time_limit=90)
async def send_verification_link(ctx: JobContext, email: str) -> None:
    manager = _manager(ctx)
    try:
        await manager.request_verify(await manager.get_by_email(email))
    except (
        exceptions.UserNotExists,
        exceptions.UserInactive,
        exceptions.UserAlreadyVerified,
    ):
        return

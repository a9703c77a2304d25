"""Operations on users from the command line, in their own unit of work."""

from fastapi_users import exceptions

from cashbook.config import Settings
from cashbook.kit.db import create_engine, session_scope
from cashbook.models import User
from cashbook.notifications.service import MailService
from cashbook.users.repository import UserRepository
from cashbook.users.schemas import UserCreate
from cashbook.users.service import UserManager
from cashbook.worker.publishing import job_sessionmaker


async def create_admin(
    settings: Settings, email: str, password: str, first_name: str, last_name: str
) -> User:
    engine = create_engine(settings)
    try:
        async with session_scope(job_sessionmaker(engine, settings)) as session:
            manager = UserManager(
                UserRepository(session, User), settings, MailService(settings, session)
            )
            user_create = UserCreate(
                email=email,
                password=password,
                first_name=first_name,
                last_name=last_name,
                is_superuser=True,
                is_verified=True,
            )
            try:
                return await manager.create(user_create, safe=False)
            except exceptions.InvalidPasswordException as error:
                raise ValueError(error.reason) from error
            except exceptions.UserAlreadyExists as error:
                raise ValueError(f"a user with the email {email} already exists") from error
    finally:
        await engine.dispose()


async def set_role(settings: Settings, email: str, *, admin: bool) -> User:
    """Promote a user to administrator or demote one back."""
    engine = create_engine(settings)
    try:
        async with session_scope(job_sessionmaker(engine, settings)) as session:
            repository = UserRepository(session, User)
            user = await repository.get_by_email(email)
            if user is None:
                raise ValueError(f"no user has the email {email}")
            return await repository.update(user, {"is_superuser": admin})
    finally:
        await engine.dispose()

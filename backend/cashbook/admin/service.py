"""The administration: people's accounts (never their money), and acting as one of them for a
stated reason, for at most 30 minutes, never as another administrator."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.admin.impersonation import IMPERSONATION_LIFETIME, ActingAs
from cashbook.admin.repository import AdminUserRepository, AuditRepository, ImpersonationRepository
from cashbook.admin.schemas import AdminUser, AuditEntryRead
from cashbook.kit.errors import Conflict, NotFound, PermissionDenied
from cashbook.models import Impersonation, SessionToken, User
from cashbook.models.base import utcnow
from cashbook.users.repository import SessionTokenRepository
from cashbook.users.service import UserManager


class AdministratorsOnlyByThemselves(PermissionDenied):
    code = "ADMIN_TARGET_IS_ADMIN"


class NotYourself(Conflict):
    code = "ADMIN_TARGET_IS_YOURSELF"


class AlreadyVerified(Conflict):
    code = "VERIFY_USER_ALREADY_VERIFIED"


class NotImpersonating(Conflict):
    code = "NOT_IMPERSONATING"


def admin_user(user: User, account_count: int) -> AdminUser:
    return AdminUser(
        id=user.id,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        role="admin" if user.is_superuser else "user",
        is_verified=user.is_verified,
        is_active=user.is_active,
        two_factor_enabled=user.totp_enabled,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
        account_count=account_count,
    )


class AdminService:
    async def list_users(self, session: AsyncSession, *, limit: int, offset: int):
        rows = await AdminUserRepository(session).list_with_account_counts(
            limit=limit, offset=offset
        )
        return [admin_user(user, count) for user, count in rows]

    async def get_user(self, user_manager: UserManager, user_id: uuid.UUID) -> User:
        user = await user_manager.user_db.get(user_id)
        if user is None:
            raise NotFound("No such user.")
        return user

    async def describe(self, session: AsyncSession, user: User) -> AdminUser:
        return admin_user(user, await AdminUserRepository(session).count_accounts(user.id))

    async def set_active(
        self, user_manager: UserManager, admin: User, user_id: uuid.UUID, active: bool
    ) -> User:
        user = await self._other_user(user_manager, admin, user_id)
        await user_manager.user_db.update(user, {"is_active": active})
        if not active:  # a deactivated person's browser sessions end now
            sessions = SessionTokenRepository(user_manager.user_db.session, SessionToken)
            await sessions.delete_for_user(user.id)
        return user

    async def resend_verification(self, user_manager: UserManager, user_id: uuid.UUID) -> None:
        user = await self.get_user(user_manager, user_id)
        if user.is_verified:
            raise AlreadyVerified("This person has verified their email already.")
        await user_manager.request_verify(user)

    async def delete_user(self, user_manager: UserManager, admin: User, user_id: uuid.UUID) -> None:
        await user_manager.delete(await self._other_user(user_manager, admin, user_id))

    async def audit_log(
        self,
        session: AsyncSession,
        *,
        limit: int,
        offset: int,
        subject_id: uuid.UUID | None = None,
    ) -> list[AuditEntryRead]:
        rows = await AuditRepository(session).list(
            limit=limit, offset=offset, subject_id=subject_id
        )
        return [
            AuditEntryRead(
                id=entry.id,
                impersonation_id=impersonation.id,
                actor_email=impersonation.actor_email,
                subject_id=impersonation.subject_id,
                subject_email=subject_email,
                reason=impersonation.reason,
                method=entry.method,
                route=entry.route,
                status=entry.status,
                created_at=entry.created_at,
            )
            for entry, impersonation, subject_email in rows
        ]

    async def start_impersonation(
        self, user_manager: UserManager, admin: User, user_id: uuid.UUID, reason: str
    ) -> Impersonation:
        subject = await self._other_user(user_manager, admin, user_id)
        if subject.is_superuser:
            raise AdministratorsOnlyByThemselves("An administrator cannot act as another one.")
        if not subject.is_active:
            raise Conflict("This account is deactivated.", code="ADMIN_TARGET_INACTIVE")
        now = utcnow()
        return await ImpersonationRepository(user_manager.user_db.session).create(
            actor_id=admin.id,
            actor_email=admin.email,
            subject_id=subject.id,
            reason=reason,
            started_at=now,
            expires_at=now + IMPERSONATION_LIFETIME,
        )

    async def stop_impersonation(
        self, session: AsyncSession, impersonation: ActingAs | None
    ) -> None:
        if impersonation is None:
            raise NotImpersonating("This session is not impersonating anyone.")
        await ImpersonationRepository(session).end(impersonation.id, utcnow())

    async def accesses(self, session: AsyncSession, user: User) -> list[Impersonation]:
        return await ImpersonationRepository(session).list_for_subject(user.id, limit=200)

    async def _other_user(self, user_manager: UserManager, admin: User, user_id: uuid.UUID) -> User:
        if user_id == admin.id:
            raise NotYourself("Administrators cannot do this to their own account.")
        return await self.get_user(user_manager, user_id)


admin_service = AdminService()

"""Every query of two-factor sign-in. Each check that consumes something (a time step, a
recovery code) is one conditional statement, so two requests racing cannot both succeed."""

import uuid

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from cashbook.models import RecoveryCode, User


class TwoFactorRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim_step(self, user: User, step: int) -> bool:
        """Record `step` as the last one used, unless it (or a later one) was used already."""
        result = await self.session.execute(
            update(User)
            .where(
                User.id == user.id,
                or_(User.totp_last_step.is_(None), User.totp_last_step < step),
            )
            .values(totp_last_step=step)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            return False
        set_committed_value(user, "totp_last_step", step)
        return True

    async def replace_recovery_codes(self, user_id: uuid.UUID, hashes: list[str]) -> None:
        await self.delete_recovery_codes(user_id)
        self.session.add_all(RecoveryCode(user_id=user_id, code_hash=code) for code in hashes)
        await self.session.flush()

    async def use_recovery_code(self, user_id: uuid.UUID, code_hash: str) -> bool:
        result = await self.session.execute(
            delete(RecoveryCode).where(
                RecoveryCode.user_id == user_id, RecoveryCode.code_hash == code_hash
            )
        )
        return result.rowcount == 1

    async def count_recovery_codes(self, user_id: uuid.UUID) -> int:
        statement = select(func.count()).where(RecoveryCode.user_id == user_id)
        return (await self.session.execute(statement)).scalar_one()

    async def delete_recovery_codes(self, user_id: uuid.UUID) -> None:
        await self.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))

"""Every query of statement imports."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select, update

from cashbook.kit.repository import OwnedRepository
from cashbook.models import StatementImport
from cashbook.models.statement_import import ImportStatus


class ImportRepository(OwnedRepository[StatementImport]):
    model = StatementImport

    async def claim(self, import_id: uuid.UUID, now: datetime, stale_before: datetime) -> bool:
        """Take a queued import (or one whose worker vanished) for this worker."""
        result = await self.session.execute(
            update(StatementImport)
            .where(
                StatementImport.id == import_id,
                or_(
                    StatementImport.status == ImportStatus.queued,
                    (StatementImport.status == ImportStatus.running)
                    & (StatementImport.started_at < stale_before),
                ),
            )
            .values(status=ImportStatus.running, started_at=now)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    async def requeue(self, import_id: uuid.UUID) -> None:
        await self.session.execute(
            update(StatementImport)
            .where(StatementImport.id == import_id)
            .values(status=ImportStatus.queued)
            .execution_options(synchronize_session=False)
        )

    async def waiting(self, queued_before: datetime, stale_before: datetime) -> Sequence[uuid.UUID]:
        """Imports whose job was lost: queued long ago, or running with no worker left."""
        statement = select(StatementImport.id).where(
            or_(
                (StatementImport.status == ImportStatus.queued)
                & (StatementImport.created_at < queued_before),
                (StatementImport.status == ImportStatus.running)
                & (StatementImport.started_at < stale_before),
            )
        )
        return (await self.session.execute(statement)).scalars().all()

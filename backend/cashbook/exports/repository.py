import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models import DataExport


class DataExportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, export: DataExport) -> DataExport:
        self.session.add(export)
        await self.session.flush()
        return export

    async def get(self, export_id: uuid.UUID) -> DataExport | None:
        return await self.session.get(DataExport, export_id)

    async def latest_for_user(self, user_id: uuid.UUID) -> DataExport | None:
        statement = (
            select(DataExport)
            .where(DataExport.user_id == user_id)
            .order_by(DataExport.created_at.desc())
            .limit(1)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def ready_by_token(self, token_index: bytes, now: datetime) -> DataExport | None:
        statement = select(DataExport).where(
            DataExport.token_index == token_index,
            DataExport.status == "ready",
            DataExport.expires_at > now,
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def claim_download(self, export_id: uuid.UUID, now: datetime) -> bool:
        """Mark the export downloaded and drop its file, once: a second claim finds nothing."""
        result = await self.session.execute(
            update(DataExport)
            .where(DataExport.id == export_id, DataExport.status == "ready")
            .values(status="downloaded", content=None, downloaded_at=now)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    async def expire(self, now: datetime) -> int:
        """Drop the files of exports whose links have expired; how many there were."""
        result = await self.session.execute(
            update(DataExport)
            .where(DataExport.status.in_(("pending", "ready")), DataExport.expires_at <= now)
            .values(status="expired", content=None)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount

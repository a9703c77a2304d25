"""Every query on cron runs."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.models import CronRun


class CronRunRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, run_id: int) -> CronRun | None:
        return await self.session.get(CronRun, run_id)

    async def find(self, job: str, slot: str) -> CronRun | None:
        statement = select(CronRun).where(CronRun.job == job, CronRun.slot == slot)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def create_once(self, job: str, slot: str) -> CronRun | None:
        """The new run for (job, slot), or None when one exists already (even one that a
        concurrent trigger created a moment ago)."""
        try:
            async with self.session.begin_nested():
                run = CronRun(job=job, slot=slot)
                self.session.add(run)
                await self.session.flush()
        except IntegrityError:
            return None
        return run

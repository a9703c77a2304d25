"""Running a periodic job from the command line, in its own unit of work."""

from cashbook.config import Settings
from cashbook.cron.service import get_job
from cashbook.kit.db import create_engine, session_scope
from cashbook.worker.jobs import JobContext, Progress
from cashbook.worker.publishing import job_sessionmaker


async def run_job_now(settings: Settings, name: str, progress: Progress) -> str:
    engine = create_engine(settings)
    try:
        sessionmaker = job_sessionmaker(engine, settings)
        async with session_scope(sessionmaker) as session:
            return await get_job(name).run(JobContext(session, settings, sessionmaker, progress))
    finally:
        await engine.dispose()

import uuid

from cashbook.kit.db import session_scope
from cashbook.kit.encryption import keys_for
from cashbook.models.rule_run import RuleRunStatus
from cashbook.rules.runs import APPLY_JOB, UNDO_JOB, rule_run_service
from cashbook.worker.jobs import JobContext, job


async def _give_up(ctx: JobContext, run_id: str) -> None:
    await rule_run_service.give_up(ctx.session, uuid.UUID(run_id))


@job(APPLY_JOB, queue="default", on_give_up=_give_up)
async def apply_run(ctx: JobContext, run_id: str) -> None:
    """The claim commits on its own (another worker must not start the same run); the run
    commits `ctx.session` after each chunk, so its progress shows as it goes."""
    row_id = uuid.UUID(run_id)
    async with session_scope(ctx.sessionmaker) as session:
        claimed = await rule_run_service.claim(
            session, row_id, RuleRunStatus.queued, RuleRunStatus.running
        )
    if claimed:
        await rule_run_service.apply(
            ctx.session, keys_for(ctx.settings), row_id, ctx.session.commit
        )


@job(UNDO_JOB, queue="default", on_give_up=_give_up)
async def undo_run(ctx: JobContext, run_id: str) -> None:
    """The request moved the run to `undoing`; what is put back commits chunk by chunk."""
    await rule_run_service.revert(
        ctx.session, keys_for(ctx.settings), uuid.UUID(run_id), ctx.session.commit
    )

"""Applying one rule to the transactions already stored, and undoing that as one batch.

A dry run (`preview`) counts in the request what would change, over at most
`PREVIEW_LIMIT` transactions. The real run is a worker job (`rules.apply_run`) that walks
the person's transactions a chunk at a time, commits after each (so its progress shows and a
crash loses one chunk), and records what each changed transaction had before; undo
(`rules.undo_run`) puts that back. Applying sets the rule's category and display name and
adds its tags, whatever the transaction had; running it again changes nothing.
"""

import json
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.kit.encryption import DecryptionFailed, Keys
from cashbook.kit.errors import CashbookError, Conflict, NotFound
from cashbook.ledger.repository import LedgerRepository
from cashbook.ledger.service import seal
from cashbook.models import RuleRun, RuleRunChange, Transaction, User
from cashbook.models.base import utcnow
from cashbook.models.rule_run import RuleRunStatus
from cashbook.rules.enricher import compile_rule
from cashbook.rules.matching import CompiledRule, Facts
from cashbook.rules.repository import RuleRepository, RuleRunRepository
from cashbook.rules.service import RuleNotFound
from cashbook.transactions.repository import TransactionRepository
from cashbook.worker.jobs import enqueue_job

log = structlog.get_logger(__name__)

APPLY_JOB = "rules.apply_run"
UNDO_JOB = "rules.undo_run"
CHUNK = 500
PREVIEW_LIMIT = 20_000
LISTED_RUNS = 20
READ = ("description", "counterparty_name", "counterparty_account", "display_name")


class RuleRunNotFound(NotFound):
    code = "RULE_RUN_NOT_FOUND"


class RuleRunNotUndoable(Conflict):
    code = "RULE_RUN_NOT_UNDOABLE"


class RuleUndecryptable(CashbookError):
    code = "RULE_UNDECRYPTABLE"


@dataclass(slots=True)
class Change:
    """What applying a rule does to one transaction."""

    row: Transaction
    category_id: uuid.UUID | None
    display_name: str | None
    previous_display_name: str | None
    added_tags: set[uuid.UUID]


def _texts(keys: Keys, row: Transaction) -> dict[str, str | None] | None:
    try:
        return {
            column: keys.cipher.decrypt(
                getattr(row, column), Transaction.field_context(column, row.id, row.user_id)
            )
            for column in READ
        }
    except DecryptionFailed:
        return None  # a row that does not decrypt is left alone (its listing flags it)


async def _changes(
    session: AsyncSession, keys: Keys, rule: CompiledRule, rows: Sequence[Transaction]
) -> tuple[int, list[Change]]:
    """How many of `rows` the rule matches, and what it would change in them."""
    tags = await TransactionRepository(session).tag_ids(row.id for row in rows)
    matching, changes = 0, []
    for row in rows:
        texts = _texts(keys, row)
        if texts is None:
            continue
        facts = Facts(
            account_id=row.account_id,
            amount=row.amount,
            currency=row.currency,
            description=texts["description"],
            counterparty_name=texts["counterparty_name"],
            counterparty_account=texts["counterparty_account"],
        )
        if not rule.matches(facts):
            continue
        matching += 1
        category = rule.category_id or row.category_id
        name = rule.display_name if rule.display_name is not None else texts["display_name"]
        added = set(rule.tag_ids) - set(tags.get(row.id, ()))
        if category != row.category_id or name != texts["display_name"] or added:
            changes.append(Change(row, category, name, texts["display_name"], added))
    return matching, changes


class RuleRunService:
    async def _rule(
        self, session: AsyncSession, keys: Keys, user_id: uuid.UUID, rule_id: uuid.UUID
    ) -> CompiledRule:
        error = RuleNotFound("No such rule.")
        rule = await RuleRepository(session).get_or_raise(user_id, rule_id, error)
        tags = await RuleRepository(session).tag_ids([rule.id])
        compiled = compile_rule(keys, rule, tags.get(rule.id, ()))
        if compiled is None:
            raise RuleUndecryptable("This rule could not be decrypted; write it again.")
        return compiled

    async def preview(
        self, session: AsyncSession, keys: Keys, user: User, rule_id: uuid.UUID
    ) -> dict[str, Any]:
        """A dry run: how many transactions the rule matches and would change."""
        rule = await self._rule(session, keys, user.id, rule_id)
        repository = RuleRunRepository(session)
        scanned = matching = changing = 0
        after = None
        while scanned < PREVIEW_LIMIT:
            rows = await repository.transactions_after(
                user.id, after, min(CHUNK, PREVIEW_LIMIT - scanned)
            )
            if not rows:
                break
            found, changes = await _changes(session, keys, rule, rows)
            scanned, matching, changing = (
                scanned + len(rows),
                matching + found,
                changing + len(changes),
            )
            after = rows[-1].id
        complete = scanned < PREVIEW_LIMIT or not await repository.transactions_after(
            user.id, after, 1
        )
        return {
            "scanned": scanned,
            "matching": matching,
            "changing": changing,
            "complete": complete,
        }

    async def start(
        self, session: AsyncSession, keys: Keys, user: User, rule_id: uuid.UUID
    ) -> RuleRun:
        await self._rule(session, keys, user.id, rule_id)
        total = await TransactionRepository(session).count(user.id)
        run = RuleRun(user_id=user.id, rule_id=rule_id, total=total, processed=0, changed=0)
        await RuleRunRepository(session).add(run)
        enqueue_job(session, APPLY_JOB, str(run.id))
        return run

    async def get(self, session: AsyncSession, user: User, run_id: uuid.UUID) -> RuleRun:
        error = RuleRunNotFound("No such rule run.")
        return await RuleRunRepository(session).get_or_raise(user.id, run_id, error)

    async def latest(self, session: AsyncSession, user: User) -> Sequence[RuleRun]:
        return await RuleRunRepository(session).latest(user.id, LISTED_RUNS)

    async def undo(self, session: AsyncSession, user: User, run_id: uuid.UUID) -> RuleRun:
        """Put back what the run changed (a finished run, or what a failed one got done)."""
        run = await self.get(session, user, run_id)
        repository = RuleRunRepository(session)
        for finished in (RuleRunStatus.done, RuleRunStatus.failed):
            if await repository.claim(run.id, finished, RuleRunStatus.undoing):
                break
        else:
            raise RuleRunNotUndoable("Only a finished run can be undone, and only once.")
        await session.refresh(run)
        enqueue_job(session, UNDO_JOB, str(run.id))
        return run

    # The worker's side

    async def claim(
        self, session: AsyncSession, run_id: uuid.UUID, before: str, after: str
    ) -> bool:
        return await RuleRunRepository(session).claim(run_id, before, after)

    async def apply(
        self,
        session: AsyncSession,
        keys: Keys,
        run_id: uuid.UUID,
        checkpoint: Callable[[], Awaitable[None]],
    ) -> None:
        repository = RuleRunRepository(session)
        run = await session.get(RuleRun, run_id)
        assert run is not None
        if run.rule_id is None:
            run.status = RuleRunStatus.failed  # the rule was deleted before the run began
            return
        rule = await self._rule(session, keys, run.user_id, run.rule_id)
        after = None
        while rows := await repository.transactions_after(run.user_id, after, CHUNK):
            _, changes = await _changes(session, keys, rule, rows)
            await self._write(session, keys, run, rule, changes)
            run.processed += len(rows)
            run.changed += len(changes)
            after = rows[-1].id
            await checkpoint()
        run.status = RuleRunStatus.done

    async def _write(
        self,
        session: AsyncSession,
        keys: Keys,
        run: RuleRun,
        rule: CompiledRule,
        changes: list[Change],
    ) -> None:
        ledger = LedgerRepository(session)
        transactions = TransactionRepository(session)
        records = []
        for change in changes:
            row = change.row
            change_id = uuid.uuid4()
            records.append(
                {
                    "id": change_id,
                    "run_id": run.id,
                    "transaction_id": row.id,
                    "user_id": run.user_id,
                    "previous_category_id": row.category_id,
                    "previous_rule_id": row.rule_id,
                    "previous_display_name": keys.cipher.encrypt(
                        change.previous_display_name,
                        RuleRunChange.field_context(
                            "previous_display_name", change_id, run.user_id
                        ),
                    ),
                    "added_tag_ids": json.dumps(sorted(str(tag) for tag in change.added_tags)),
                }
            )
            await ledger.update_transaction(
                row.id,
                {
                    "category_id": change.category_id,
                    "rule_id": rule.id,
                    "updated_at": utcnow(),
                    **seal(keys, row.id, run.user_id, {"display_name": change.display_name}),
                },
            )
            if change.added_tags:
                await transactions.add_tags([row.id], change.added_tags)
        await RuleRunRepository(session).record(records)

    async def revert(
        self,
        session: AsyncSession,
        keys: Keys,
        run_id: uuid.UUID,
        checkpoint: Callable[[], Awaitable[None]],
    ) -> None:
        """Undo a run, a chunk at a time; each change put back is forgotten, so an undo that
        stopped goes on where it was."""
        repository = RuleRunRepository(session)
        ledger = LedgerRepository(session)
        transactions = TransactionRepository(session)
        run = await session.get(RuleRun, run_id)
        assert run is not None
        run.total, run.processed = run.changed, 0
        while changes := await repository.changes(run.id, CHUNK):
            named = {c.previous_rule_id for c in changes if c.previous_rule_id}
            still = await repository.existing_rules(run.user_id, named)
            for change in changes:
                name = keys.cipher.decrypt(
                    change.previous_display_name,
                    RuleRunChange.field_context("previous_display_name", change.id, run.user_id),
                )
                await ledger.update_transaction(
                    change.transaction_id,
                    {
                        "category_id": change.previous_category_id,
                        "rule_id": change.previous_rule_id
                        if change.previous_rule_id in still
                        else None,
                        "updated_at": utcnow(),
                        **seal(keys, change.transaction_id, run.user_id, {"display_name": name}),
                    },
                )
                added = {uuid.UUID(tag) for tag in json.loads(change.added_tag_ids or "[]")}
                if added:
                    await transactions.remove_tags([change.transaction_id], added)
            await repository.forget(changes)
            run.processed += len(changes)
            await checkpoint()
        run.status = RuleRunStatus.undone

    async def give_up(self, session: AsyncSession, run_id: uuid.UUID) -> None:
        """A run whose job failed for good: what it changed so far can still be undone."""
        run = await session.get(RuleRun, run_id)
        if run is not None and run.status in (RuleRunStatus.running, RuleRunStatus.undoing):
            run.status = RuleRunStatus.failed


rule_run_service = RuleRunService()

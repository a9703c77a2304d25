"""Bringing transactions back and letting them go: restoring a deleted transaction, undoing a
batch of changes (a bulk action, an import) from its history, and purging what was deleted
long enough ago. Every step appends to the history like any other write."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.history.repository import HistoryRepository
from cashbook.history.service import TAGS, TEXTS, Actor, Change, history_service, state
from cashbook.kit.encryption import Keys, keys_for
from cashbook.kit.errors import Conflict, NotFound
from cashbook.ledger.repository import LedgerRepository
from cashbook.ledger.service import SEARCHED, seal
from cashbook.models import Transaction
from cashbook.models.base import utcnow
from cashbook.models.transaction import RESTORABLE_FOR
from cashbook.models.transaction_version import ActorKind, VersionKind
from cashbook.transactions.repository import TransactionRepository
from cashbook.worker.jobs import JobContext

PURGE_LIMIT = 5000  # per run of the purge job; a daily job catches up over days
UNDO_LIMIT = 20_000  # versions in one batch that one undo takes back
DATES = ("booked_on", "value_on")
IDS = ("account_id", "category_id", "transfer_id")


class NotDeleted(NotFound):
    code = "TRANSACTION_NOT_DELETED"


class RestoreWindowPassed(Conflict):
    code = "RESTORE_WINDOW_PASSED"


class BatchNotFound(NotFound):
    code = "BATCH_NOT_FOUND"


class BatchTooLarge(Conflict):
    code = "BATCH_TOO_LARGE"


def _column(field: str, value: Any) -> Any:
    """A version's JSON value as the column takes it."""
    if value is None:
        return None
    if field in DATES:
        return date.fromisoformat(value)
    if field == TAGS:
        return value
    if field in IDS:
        return uuid.UUID(value)
    if field == "deleted_at":
        return datetime.fromisoformat(value)
    return value


class LifecycleService:
    async def restore(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        row_id: uuid.UUID,
        actor: Actor,
    ) -> None:
        """Bring back a deleted transaction of the user (404 when there is none to restore)."""
        repository = TransactionRepository(session)
        row = (await repository.deleted(user_id, [row_id])).get(row_id)
        if row is None or row.deleted_at is None:
            raise NotDeleted("No deleted transaction with this id.")
        if row.deleted_at < utcnow() - RESTORABLE_FOR:
            raise RestoreWindowPassed("This transaction was deleted too long ago to restore.")
        change = Change(row.id, {"deleted_at": row.deleted_at}, {"deleted_at": None})
        await history_service.record(session, keys, user_id, VersionKind.restore, actor, [change])
        await repository.mark_deleted(user_id, [row.id], None)

    async def undo(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        batch_id: uuid.UUID,
        actor: Actor,
    ) -> dict[str, Any]:
        """Take every transaction of a batch back to its version before the batch, as a new
        batch. A transaction changed again since (by anyone) is left alone and reported as
        skipped, as is one purged or whose texts no longer decrypt."""
        versions = await HistoryRepository(session).batch(user_id, batch_id, UNDO_LIMIT + 1)
        if not versions:
            raise BatchNotFound("No such batch.")
        if len(versions) > UNDO_LIMIT:
            raise BatchTooLarge(f"A batch of more than {UNDO_LIMIT} changes cannot be undone.")
        ids = [version.transaction_id for version in versions]
        latest = await HistoryRepository(session).latest(ids)
        repository = TransactionRepository(session)
        rows = await repository.rows(user_id, ids, include_deleted=True)
        tags = await repository.tag_ids(ids)
        changes: list[Change] = []
        skipped: list[uuid.UUID] = []
        for version in versions:
            row = rows.get(version.transaction_id)
            fields, failed = history_service.fields(keys, version)
            if row is None or latest[row.id] != version.version or failed:
                skipped.append(version.transaction_id)
                continue
            if version.kind == VersionKind.create:  # undoing a creation deletes it
                target = {"deleted_at": utcnow()}
            else:
                target = {field: _column(field, old) for field, (old, _new) in fields.items()}
            changes.append(await self._revert(session, keys, row, tags.get(row.id, []), target))
        new_batch = await history_service.record(
            session, keys, user_id, VersionKind.undo, actor, changes
        )
        return {"batch_id": new_batch, "undone": len(changes), "skipped": skipped}

    async def _revert(
        self,
        session: AsyncSession,
        keys: Keys,
        row: Transaction,
        tag_ids: list[uuid.UUID],
        target: dict[str, Any],
    ) -> Change:
        """Set a transaction's fields to these values; the change it made."""
        before = {**state(keys, row, tag_ids), "deleted_at": row.deleted_at}
        repository = TransactionRepository(session)
        if TAGS in target:
            await repository.set_tags(row.id, {uuid.UUID(tag) for tag in target[TAGS] or ()})
        texts = {column: target[column] for column in TEXTS if column in target}
        values = {
            field: value for field, value in target.items() if field != TAGS and field not in TEXTS
        }
        values.update(seal(keys, row.id, row.user_id, texts))
        if set(SEARCHED) & texts.keys():
            searched = [texts[c] if c in texts else before[c] for c in SEARCHED]
            words = keys.index.words(row.user_id, *searched)
            await LedgerRepository(session).replace_words(row.id, words)
        if values:
            await repository.update(row, values)
        return Change(row.id, {field: before.get(field) for field in target}, target)

    async def purge(self, ctx: JobContext) -> str:
        """Remove for good what was deleted more than `RESTORABLE_FOR` ago, a bounded number
        per run; each transaction's history says when it was purged. (A cron job.)"""
        keys = keys_for(ctx.settings)
        repository = TransactionRepository(ctx.session)
        now = utcnow()
        found = await repository.purgeable(now - RESTORABLE_FOR, PURGE_LIMIT)
        by_user: dict[uuid.UUID, list[uuid.UUID]] = {}
        for user_id, row_id in found:
            by_user.setdefault(user_id, []).append(row_id)
        actor = Actor(ActorKind.system)
        for user_id, ids in by_user.items():
            changes = [Change(row_id, {}, {"purged_at": now}) for row_id in ids]
            await history_service.record(
                ctx.session, keys, user_id, VersionKind.purge, actor, changes
            )
            await repository.purge(ids)
        return f"purged {len(found)} transaction(s)"


lifecycle_service = LifecycleService()

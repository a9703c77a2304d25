"""The history of transactions: every change appends a version with the fields it changed, old
and new, who made it and in which batch. Writers hand `record` the before and after of what they
changed (`Change`); it keeps only what differs, numbers the versions and inserts them all in one
executemany, in the writer's own transaction.

A version's values are JSON: dates as ISO text, ids as text, amounts in minor units, tags as a
sorted list of ids. Texts the transaction keeps encrypted are encrypted in the version too
(`TransactionVersion.sealed`, bound to the version's row and owner)."""

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.history.repository import HistoryRepository
from cashbook.kit import metrics
from cashbook.kit.encryption import DecryptionFailed, Keys
from cashbook.kit.ids import time_ordered_uuid
from cashbook.models import Transaction, TransactionVersion
from cashbook.models.base import utcnow
from cashbook.models.transaction_version import ActorKind, VersionKind

log = structlog.get_logger(__name__)

# The transaction's encrypted texts a person sees (its source's external id only the ledger
# reads, and a version never needs it).
TEXTS = tuple(c for c in Transaction.__encrypted__ if c != "external_id")
PLAIN = (
    "account_id",
    "booked_on",
    "value_on",
    "amount",
    "currency",
    "original_amount",
    "original_currency",
    "category_id",
    "transfer_id",
    "source",
)
TAGS = "tag_ids"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who made a change: the person, an administrator acting as them (`id` is the
    administrator), a bank connection, an import, a rule, or the system."""

    kind: ActorKind
    id: uuid.UUID | None = None


@dataclass(slots=True)
class Change:
    """A transaction's fields before and after a change; a field missing on one side was
    absent (a created transaction has no before)."""

    transaction_id: uuid.UUID
    before: dict[str, Any]
    after: dict[str, Any]


def as_json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def tag_list(tag_ids: Sequence[uuid.UUID] | set[uuid.UUID]) -> list[str] | None:
    """Tags as a version stores them: sorted ids, or None for none (like any empty field)."""
    return sorted(str(tag) for tag in tag_ids) or None


def plain_state(row: Transaction, tag_ids: Sequence[uuid.UUID] | set[uuid.UUID]) -> dict[str, Any]:
    """A transaction's plain fields and tags as a version stores them."""
    return {**{field: as_json(getattr(row, field)) for field in PLAIN}, TAGS: tag_list(tag_ids)}


def state(keys: Keys, row: Transaction, tag_ids: Sequence[uuid.UUID] | set[uuid.UUID]) -> dict:
    """Everything of a transaction a version can record, its texts decrypted (a text that fails
    to decrypt reads as absent)."""
    texts = {}
    for column in TEXTS:
        try:
            texts[column] = keys.cipher.decrypt(
                getattr(row, column), Transaction.field_context(column, row.id, row.user_id)
            )
        except DecryptionFailed:
            texts[column] = None
    return {**plain_state(row, tag_ids), **texts}


def kind_of(change: Change) -> VersionKind:
    """An edit that only recategorised or only retagged is recorded as such."""
    fields = change.before.keys() | change.after.keys()
    changed = {f for f in fields if as_json(change.before.get(f)) != as_json(change.after.get(f))}
    if changed == {"category_id"}:
        return VersionKind.categorise
    if changed == {TAGS}:
        return VersionKind.tag
    return VersionKind.edit


class HistoryService:
    async def record(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        kind: VersionKind,
        actor: Actor,
        changes: Sequence[Change],
        *,
        batch_id: uuid.UUID | None = None,
        new: bool = False,
    ) -> uuid.UUID:
        """Append one version per changed transaction (one that changed nothing gets none), all
        in batch `batch_id` (a new one when not given, returned). `new`: these transactions were
        created just now, so they start at version 1 without asking the database."""
        batch_id = batch_id or uuid.uuid4()
        latest = (
            {}
            if new
            else await HistoryRepository(session).latest(
                change.transaction_id for change in changes
            )
        )
        now = utcnow()
        rows = []
        for change in changes:
            fields = {
                field: (as_json(change.before.get(field)), as_json(change.after.get(field)))
                for field in change.before.keys() | change.after.keys()
            }
            fields = {field: pair for field, pair in fields.items() if pair[0] != pair[1]}
            if not fields:
                continue
            row_id = time_ordered_uuid()
            plain = {field: pair for field, pair in fields.items() if field not in TEXTS}
            sealed = {field: pair for field, pair in fields.items() if field in TEXTS}
            rows.append(
                {
                    "id": row_id,
                    "transaction_id": change.transaction_id,
                    "user_id": user_id,
                    "version": latest.get(change.transaction_id, 0) + 1,
                    "kind": kind,
                    "changes": json.dumps(plain, separators=(",", ":")),
                    "sealed": keys.cipher.encrypt(
                        json.dumps(sealed, separators=(",", ":")),
                        TransactionVersion.field_context("sealed", row_id, user_id),
                    )
                    if sealed
                    else None,
                    "actor": actor.kind,
                    "actor_id": actor.id,
                    "batch_id": batch_id,
                    "created_at": now,
                }
            )
        await HistoryRepository(session).append(rows)
        return batch_id

    def fields(self, keys: Keys, version: TransactionVersion) -> tuple[dict[str, Any], bool]:
        """A version's changed fields (field → [old, new]), and whether its sealed part failed
        to decrypt (then only the plain fields)."""
        fields = json.loads(version.changes)
        failed = False
        if version.sealed is not None:
            where = TransactionVersion.field_context("sealed", version.id, version.user_id)
            try:
                fields.update(json.loads(keys.cipher.decrypt(version.sealed, where) or "{}"))
            except DecryptionFailed as error:
                failed = True
                metrics.DECRYPTION_FAILURES.labels(TransactionVersion.__tablename__).inc()
                log.warning(
                    "stored value failed to decrypt",
                    table=TransactionVersion.__tablename__,
                    column="sealed",
                    row_id=str(version.id),
                    why=error.why,
                )
        return fields, failed

    def read(self, keys: Keys, version: TransactionVersion) -> dict[str, Any]:
        """The API's view of a version (`VersionRead`'s fields)."""
        fields, failed = self.fields(keys, version)
        return {
            "version": version.version,
            "kind": version.kind,
            "created_at": version.created_at,
            "actor": version.actor,
            "actor_id": version.actor_id,
            "batch_id": version.batch_id,
            "changes": [
                {"field": field, "old": old, "new": new}
                for field, (old, new) in sorted(fields.items())
            ],
            "decryption_failed": failed,
        }

    async def page(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        transaction_id: uuid.UUID,
        after: int,
        limit: int,
    ) -> dict[str, Any]:
        found = await HistoryRepository(session).page(user_id, transaction_id, after, limit + 1)
        page = found[:limit]
        return {
            "items": [self.read(keys, version) for version in page],
            "next_after": page[-1].version if len(found) > limit else None,
        }


history_service = HistoryService()

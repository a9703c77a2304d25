"""The one write path of transactions: statement imports, bank syncs, manual entries and the
demo all store through here, in explicit stages per chunk:

    parse (the adapter: `imports/`, `banking/`) → normalise (`normalise.py`)
      → enrich (`enrich.py`) → de-duplicate → store

De-duplication runs once per chunk, against what is stored and what the write saw already;
the store stage makes each id once and inserts with Core executemany, so nothing is selected
again. A record whose source changed it (a pending card payment that was booked, a
correction) is amended in place, keeping what the person added (category, tags, note). The
store stage records each transaction's history (`history/`) in the same unit of work: a batch
per write (an import's id is its batch, so a resumed import stays one).
"""

import itertools
import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.repository import AccountRepository
from cashbook.alerts.kinds import request_check
from cashbook.categories.repository import CategoryRepository
from cashbook.history.service import (
    PLAIN,
    TAGS,
    TEXTS,
    Actor,
    Change,
    history_service,
    state,
    tag_list,
)
from cashbook.kit.encryption import Keys, words_of
from cashbook.kit.errors import CashbookError, NotFound
from cashbook.kit.ids import time_ordered_uuid
from cashbook.ledger.enrich import enrich
from cashbook.ledger.normalise import normalise
from cashbook.ledger.records import LedgerResult, NewTransaction, StatementRecord
from cashbook.ledger.repository import LedgerRepository, Stored
from cashbook.live.publish import publish
from cashbook.models import Account, Transaction, TransactionOrigin, TransactionTag, TransactionWord
from cashbook.models.base import utcnow
from cashbook.models.transaction import TransactionSource
from cashbook.models.transaction_version import ActorKind, VersionKind
from cashbook.tags.repository import TagRepository
from cashbook.transactions.repository import TransactionRepository

CHUNK = 2000
SEARCHED = ("description", "counterparty_name")
# What a source may change when it amends a transaction it sent before.
AMENDED = ("booked_on", "value_on", "amount", "original_amount", "original_currency")


class ReferenceNotFound(NotFound):
    code = "REFERENCE_NOT_FOUND"


class CurrencyMismatch(CashbookError):
    code = "CURRENCY_MISMATCH"


def seal(
    keys: Keys, row_id: uuid.UUID, user_id: uuid.UUID, texts: dict[str, str | None]
) -> dict[str, bytes | None]:
    """The encrypted column values of a transaction's texts (its encrypted columns)."""
    return keys.cipher.encrypt_row(texts, Transaction.row_context(row_id, user_id))


async def check_references(
    session: AsyncSession,
    user_id: uuid.UUID,
    *,
    account_ids: set[uuid.UUID] = frozenset(),
    category_ids: set[uuid.UUID] = frozenset(),
    tag_ids: set[uuid.UUID] = frozenset(),
) -> dict[uuid.UUID, Account]:
    """The caller's accounts by id; 404 when any account, category or tag is not theirs."""
    accounts: dict[uuid.UUID, Account] = {}
    for account_id in account_ids:
        account = await AccountRepository(session).get(user_id, account_id)
        if account is None:
            raise ReferenceNotFound("No such account.")
        accounts[account_id] = account
    if await CategoryRepository(session).count_owned(user_id, category_ids) != len(category_ids):
        raise ReferenceNotFound("No such category.")
    if await TagRepository(session).count_owned(user_id, tag_ids) != len(tag_ids):
        raise ReferenceNotFound("No such tag.")
    return accounts


@dataclass(slots=True)
class _Keyed:
    """An entry with its position in the write and its blind external-id indexes."""

    position: int
    entry: NewTransaction
    index: bytes | None
    reservation_index: bytes | None


def announce(
    session: AsyncSession, user_id: uuid.UUID, *, created: int = 0, changed: int = 0
) -> None:
    """After a write that stored or changed transactions (a new category moves a budget):
    alerts are checked (budgets crossed, large expenses) and the person's open screens hear
    of it, once the unit of work commits."""
    if created or changed:
        request_check(session, user_id)
        publish(session, [user_id], "transactions", {"created": created, "changed": changed})


class LedgerService:
    async def ingest(
        self,
        session: AsyncSession,
        keys: Keys,
        account: Account,
        records: Iterable[StatementRecord],
        *,
        source: TransactionSource,
        connection_id: uuid.UUID | None = None,
        import_id: uuid.UUID | None = None,
        update_existing: bool = False,
        start: int = 0,
        checkpoint: Callable[[LedgerResult, int], Awaitable[None]] | None = None,
    ) -> LedgerResult:
        """Store a source's `records` in `account` (checked by the adapter with
        `normalise.check`). With `update_existing` (a bank sync), a stored record whose content
        changed is amended and a pending payment becomes its booking; without it (an import),
        anything already stored is skipped.

        Records come one at a time and are held one chunk at a time (an import streams its
        file). Records before `start` were stored by an earlier run that stopped (an import
        resumes there). `checkpoint(result, done)` runs after each chunk: an import commits
        there, so it holds the database's write lock for one chunk at a time and a crash loses
        one."""
        result = LedgerResult()
        if source == TransactionSource.bank:
            actor = Actor(ActorKind.bank, connection_id)
        else:
            actor = Actor(ActorKind.import_, import_id)
        batch_id = import_id or uuid.uuid4()
        booked: date | None = None
        records = iter(records)
        for _ in itertools.islice(records, start):
            pass  # stored by the run that stopped
        done = start
        while chunk := list(itertools.islice(records, CHUNK)):
            entries = [
                normalise(keys, account, record, source, connection_id, import_id)
                for record in chunk
            ]
            latest = max((r.booked_on for r in chunk if not r.pending), default=None)
            if latest is not None and (booked is None or latest > booked):
                booked = latest
            await self._chunk(
                session,
                keys,
                account.user_id,
                entries,
                done,
                result,
                update_existing,
                actor,
                batch_id,
            )
            done += len(chunk)
            result.fetched += len(chunk)
            if checkpoint is not None:
                await checkpoint(result, done)
        result.last_booked_on = booked
        announce(session, account.user_id, created=result.created)
        return result

    async def write(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        entries: Sequence[NewTransaction],
        actor: Actor,
    ) -> LedgerResult:
        """Store normalised entries (manual creation, the demo). Every account, category and
        tag must be the user's; one whose (account, external id) is already stored, or repeats
        an earlier one, is skipped as a duplicate."""
        entries = list(entries)
        accounts = await check_references(
            session,
            user_id,
            account_ids={entry.account_id for entry in entries},
            category_ids={entry.category_id for entry in entries if entry.category_id},
            tag_ids={tag for entry in entries for tag in entry.tag_ids},
        )
        for entry in entries:
            if entry.currency != accounts[entry.account_id].currency:
                raise CurrencyMismatch(
                    f"The account keeps {accounts[entry.account_id].currency}; record a foreign "
                    "amount as original_amount and original_currency."
                )
        result = LedgerResult(fetched=len(entries))
        batch_id = uuid.uuid4()
        for start in range(0, len(entries), CHUNK):
            chunk = entries[start : start + CHUNK]
            result.ids.update(
                await self._chunk(
                    session, keys, user_id, chunk, start, result, False, actor, batch_id
                )
            )
        announce(session, user_id, created=result.created)
        return result

    async def _chunk(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        entries: list[NewTransaction],
        offset: int,
        result: LedgerResult,
        update_existing: bool,
        actor: Actor,
        batch_id: uuid.UUID,
    ) -> dict[int, uuid.UUID]:
        """Enrich, de-duplicate and store one chunk, recording each change's version; the new
        ids by position (a manual write keeps them in its result; an ingest streams and keeps
        none)."""
        await enrich(session, keys, user_id, entries)
        keyed = [self._key(keys, user_id, offset + n, entry) for n, entry in enumerate(entries)]
        new, changed = await self._deduplicate(session, keyed, result, update_existing)
        ids, created = await self._store(session, keys, user_id, new)
        await history_service.record(
            session, keys, user_id, VersionKind.create, actor, created, batch_id=batch_id, new=True
        )
        result.created += len(new)
        if changed:
            rows = await TransactionRepository(session).rows(
                user_id, [stored.transaction_id for _, stored in changed]
            )
            amended = []
            for item, stored in changed:
                if stored.transaction_id not in rows:
                    continue  # deleted by the person: it stays deleted, as it was
                after = self._amended(item.entry)
                before = state(keys, rows[stored.transaction_id], [])
                amended.append(Change(stored.transaction_id, {f: before[f] for f in after}, after))
                await self._amend(session, keys, user_id, stored.transaction_id, item)
            await history_service.record(
                session, keys, user_id, VersionKind.update, actor, amended, batch_id=batch_id
            )
            result.updated += len(amended)
        return ids

    def _key(self, keys: Keys, user_id: uuid.UUID, position: int, entry: NewTransaction) -> _Keyed:
        def index(key: str | None) -> bytes | None:
            return None if key is None else keys.index.external_id(user_id, entry.account_id, key)

        reservation = entry.origin.reservation_key if entry.origin else None
        return _Keyed(position, entry, index(entry.external_id), index(reservation))

    async def _deduplicate(
        self,
        session: AsyncSession,
        keyed: list[_Keyed],
        result: LedgerResult,
        update_existing: bool,
    ) -> tuple[list[_Keyed], list[tuple[_Keyed, Stored]]]:
        """Which entries are new and which amend a stored transaction; one query per chunk."""
        wanted = {item.index for item in keyed if item.index} | {
            item.reservation_index for item in keyed if item.reservation_index
        }
        accounts = {item.entry.account_id for item in keyed}
        stored = await LedgerRepository(session).stored(accounts, wanted) if wanted else {}
        new: list[_Keyed] = []
        changed: list[tuple[_Keyed, Stored]] = []
        for item in keyed:
            if item.index is None:
                new.append(item)
                continue
            if item.index in result.seen:
                result.skipped += 1
                continue
            result.seen.add(item.index)
            found = stored.get(item.index)
            booking = stored.get(item.reservation_index) if item.reservation_index else None
            origin = item.entry.origin
            if found is None and booking is not None and booking.pending:
                # A pending card payment was booked: it becomes this booking.
                found, amend = booking, True
                result.seen.add(item.reservation_index)  # type: ignore[arg-type]
            else:
                amend = (
                    found is not None
                    and update_existing
                    and origin is not None
                    and found.digest != origin.digest
                )
            if found is None:
                new.append(item)
            elif amend:
                changed.append((item, found))
            else:
                result.skipped += 1
        return new, changed

    def _origin_values(
        self, keys: Keys, user_id: uuid.UUID, transaction_id: uuid.UUID, entry: NewTransaction
    ) -> dict[str, Any]:
        origin = entry.origin
        assert origin is not None
        now = utcnow()
        return {
            "user_id": user_id,
            "connection_id": origin.connection_id,
            "import_id": origin.import_id,
            "pending": origin.pending,
            "digest": origin.digest,
            **keys.cipher.encrypt_row(
                {"details": origin.details, "raw": origin.raw},
                TransactionOrigin.row_context(transaction_id, user_id),
            ),
            "created_at": now,
            "updated_at": now,
        }

    @staticmethod
    def _amended(entry: NewTransaction) -> dict[str, Any]:
        """What an amendment sets, as history records it."""
        return {
            **{field: getattr(entry, field) for field in AMENDED},
            **{column: getattr(entry, column) for column in TEXTS if column != "note"},
        }

    async def _store(
        self, session: AsyncSession, keys: Keys, user_id: uuid.UUID, new: list[_Keyed]
    ) -> tuple[dict[int, uuid.UUID], list[Change]]:
        """Insert the new entries; the ids are made here, once. Returns them with each one's
        first version."""
        ids: dict[int, uuid.UUID] = {}
        created: list[Change] = []
        rows: list[dict[str, Any]] = []
        tags: list[dict[str, Any]] = []
        words: list[dict[str, Any]] = []
        origins: list[dict[str, Any]] = []
        now = utcnow()
        digests: dict[str, bytes] = {}  # words repeat from row to row: each is digested once

        def word_index(word: str) -> bytes:
            if (digest := digests.get(word)) is None:
                digest = digests[word] = keys.index.word(user_id, word)
            return digest

        for item in new:
            entry, row_id = item.entry, time_ordered_uuid()
            texts = {column: getattr(entry, column) for column in Transaction.__encrypted__}
            rows.append(
                {
                    "id": row_id,
                    "user_id": user_id,
                    "account_id": entry.account_id,
                    "booked_on": entry.booked_on,
                    "value_on": entry.value_on,
                    "amount": entry.amount,
                    "currency": entry.currency,
                    "original_amount": entry.original_amount,
                    "original_currency": entry.original_currency,
                    "category_id": entry.category_id,
                    "rule_id": entry.rule_id,
                    "source": entry.source,
                    "external_id_index": item.index,
                    "created_at": now,
                    "updated_at": now,
                    **seal(keys, row_id, user_id, texts),
                }
            )
            tag_ids = set(entry.tag_ids)
            tags += [{"transaction_id": row_id, "tag_id": tag} for tag in tag_ids]
            created.append(
                Change(
                    row_id,
                    {},
                    {
                        **{key: rows[-1].get(key) for key in PLAIN},
                        **{column: texts[column] for column in TEXTS},
                        TAGS: tag_list(tag_ids),
                    },
                )
            )
            words += [
                {"transaction_id": row_id, "word": word_index(word)}
                for word in words_of(*(texts[c] for c in SEARCHED))
            ]
            if entry.origin is not None:
                origins.append({"id": row_id, **self._origin_values(keys, user_id, row_id, entry)})
            ids[item.position] = row_id
        repository = LedgerRepository(session)
        for table, values in (
            (Transaction, rows),
            (TransactionTag, tags),
            (TransactionWord, words),
            (TransactionOrigin, origins),
        ):
            await repository.insert(table.__table__, values)
        return ids, created

    async def _amend(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        row_id: uuid.UUID,
        item: _Keyed,
    ) -> None:
        """Bring a stored transaction in line with what its source says now. What the person
        added (category, tags, note, a split while the amount stays) stays."""
        entry = item.entry
        texts = {
            "description": entry.description,
            "counterparty_name": entry.counterparty_name,
            "counterparty_account": entry.counterparty_account,
            "external_id": entry.external_id,
        }
        repository = LedgerRepository(session)
        # The source's amount is the truth: a split of the old amount cannot stand.
        await repository.unsplit_if_amount_changes(row_id, entry.amount)
        await repository.update_transaction(
            row_id,
            {
                "booked_on": entry.booked_on,
                "value_on": entry.value_on,
                "amount": entry.amount,
                "original_amount": entry.original_amount,
                "original_currency": entry.original_currency,
                "external_id_index": item.index,
                "updated_at": utcnow(),
                **seal(keys, row_id, user_id, texts),
            },
        )
        await repository.replace_words(
            row_id, keys.index.words(user_id, entry.description, entry.counterparty_name)
        )
        await repository.upsert_origin(row_id, self._origin_values(keys, user_id, row_id, entry))

    async def remove(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        ids: list[uuid.UUID],
        actor: Actor,
        batch_id: uuid.UUID | None = None,
    ) -> uuid.UUID:
        """Delete these transactions of the user: they leave every list and report and stay
        restorable for `RESTORABLE_FOR`. Returns the batch (a new one unless given)."""
        now = utcnow()
        changes = [Change(row_id, {"deleted_at": None}, {"deleted_at": now}) for row_id in ids]
        batch_id = await history_service.record(
            session, keys, user_id, VersionKind.delete, actor, changes, batch_id=batch_id
        )
        await TransactionRepository(session).mark_deleted(user_id, ids, now)
        announce(session, user_id, changed=len(ids))
        return batch_id

    async def remove_vanished_pending(
        self,
        session: AsyncSession,
        keys: Keys,
        account: Account,
        connection_id: uuid.UUID,
        since: date,
        seen: set[bytes],
    ) -> int:
        """Pending payments from `since` on that the bank no longer lists were cancelled."""
        repository = LedgerRepository(session)
        pending = await repository.pending_since(account.id, since)
        gone = [row_id for row_id, index in pending if index not in seen]
        if gone:
            actor = Actor(ActorKind.bank, connection_id)
            await self.remove(session, keys, account.user_id, gone, actor)
        return len(gone)


ledger_service = LedgerService()

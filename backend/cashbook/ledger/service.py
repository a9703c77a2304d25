"""The one write path of transactions: statement imports, bank syncs, manual entries and the
demo all store through here, in explicit stages per chunk:

    parse (the adapter: `imports/`, `banking/`) → normalise (`normalise.py`)
      → enrich (`enrich.py`) → de-duplicate → store

De-duplication runs once per chunk, against what is stored and what the write saw already;
the store stage makes each id once and inserts with Core executemany, so nothing is selected
again. A record whose source changed it (a pending card payment that was booked, a
correction) is amended in place, keeping what the person added (category, tags, note).
"""

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.repository import AccountRepository
from cashbook.alerts.kinds import request_check
from cashbook.categories.repository import CategoryRepository
from cashbook.kit.encryption import Keys
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
from cashbook.tags.repository import TagRepository
from cashbook.transactions.repository import TransactionRepository

CHUNK = 2000
SEARCHED = ("description", "counterparty_name")


class ReferenceNotFound(NotFound):
    code = "REFERENCE_NOT_FOUND"


class CurrencyMismatch(CashbookError):
    code = "CURRENCY_MISMATCH"


def seal(
    keys: Keys, row_id: uuid.UUID, user_id: uuid.UUID, texts: dict[str, str | None]
) -> dict[str, bytes | None]:
    """The encrypted column values of a transaction's texts (its encrypted columns)."""
    return {
        column: keys.cipher.encrypt(
            texts[column], Transaction.field_context(column, row_id, user_id)
        )
        for column in texts
    }


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
        records: Sequence[StatementRecord],
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

        Records before `start` were stored by an earlier run that stopped (an import resumes
        there). `checkpoint(result, done)` runs after each chunk: an import commits there, so
        it holds the database's write lock for one chunk at a time and a crash loses one."""
        result = LedgerResult(fetched=len(records) - start)
        for begin in range(start, len(records), CHUNK):
            entries = [
                normalise(keys, account, record, source, connection_id, import_id)
                for record in records[begin : begin + CHUNK]
            ]
            await self._chunk(
                session, keys, account.user_id, entries, begin, result, update_existing
            )
            if checkpoint is not None:
                await checkpoint(result, min(begin + CHUNK, len(records)))
        booked = [r.booked_on for r in records if not r.pending]
        result.last_booked_on = max(booked) if booked else None
        announce(session, account.user_id, created=result.created)
        return result

    async def write(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        entries: Sequence[NewTransaction],
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
        for start in range(0, len(entries), CHUNK):
            chunk = entries[start : start + CHUNK]
            await self._chunk(session, keys, user_id, chunk, start, result, False)
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
    ) -> None:
        await enrich(session, user_id, entries)
        keyed = [self._key(keys, user_id, offset + n, entry) for n, entry in enumerate(entries)]
        new, changed = await self._deduplicate(session, keyed, result, update_existing)
        result.ids.update(await self._store(session, keys, user_id, new))
        result.created += len(new)
        for item, stored in changed:
            await self._amend(session, keys, user_id, stored.transaction_id, item)
        result.updated += len(changed)

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
            "details": keys.cipher.encrypt(
                origin.details, TransactionOrigin.field_context("details", transaction_id, user_id)
            ),
            "raw": keys.cipher.encrypt(
                origin.raw, TransactionOrigin.field_context("raw", transaction_id, user_id)
            ),
            "created_at": now,
            "updated_at": now,
        }

    async def _store(
        self, session: AsyncSession, keys: Keys, user_id: uuid.UUID, new: list[_Keyed]
    ) -> dict[int, uuid.UUID]:
        """Insert the new entries; the ids are made here, once."""
        ids: dict[int, uuid.UUID] = {}
        rows: list[dict[str, Any]] = []
        tags: list[dict[str, Any]] = []
        words: list[dict[str, Any]] = []
        origins: list[dict[str, Any]] = []
        now = utcnow()
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
                    "source": entry.source,
                    "external_id_index": item.index,
                    "created_at": now,
                    "updated_at": now,
                    **seal(keys, row_id, user_id, texts),
                }
            )
            tags += [{"transaction_id": row_id, "tag_id": tag} for tag in set(entry.tag_ids)]
            words += [
                {"transaction_id": row_id, "word": word}
                for word in keys.index.words(user_id, *(texts[c] for c in SEARCHED))
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
        return ids

    async def _amend(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        row_id: uuid.UUID,
        item: _Keyed,
    ) -> None:
        """Bring a stored transaction in line with what its source says now. What the person
        added (category, tags, note) stays."""
        entry = item.entry
        texts = {
            "description": entry.description,
            "counterparty_name": entry.counterparty_name,
            "counterparty_account": entry.counterparty_account,
            "external_id": entry.external_id,
        }
        repository = LedgerRepository(session)
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

    async def remove_vanished_pending(
        self, session: AsyncSession, account: Account, since: date, seen: set[bytes]
    ) -> int:
        """Pending payments from `since` on that the bank no longer lists were cancelled."""
        repository = LedgerRepository(session)
        pending = await repository.pending_since(account.id, since)
        gone = [row_id for row_id, index in pending if index not in seen]
        if gone:
            await TransactionRepository(session).delete_many(account.user_id, gone)
        return len(gone)


ledger_service = LedgerService()

"""The one way records become transactions, for bank syncs and statement imports alike:
de-duplicated by (account, blind index of the external id), new ones stored through the
ledger's bulk ingest, changed ones (a pending card payment that was booked, a correction)
updated in place. The origin of each transaction (source, symbols, raw entry) is kept
encrypted beside it."""

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.imports.records import EntryError, StatementRecord
from cashbook.imports.repository import OriginRepository, Stored
from cashbook.kit.encryption import Context, Keys
from cashbook.kit.errors import CashbookError
from cashbook.kit.money import AmountError, exponent, to_minor
from cashbook.models import Account
from cashbook.models.base import utcnow
from cashbook.models.transaction import TransactionSource
from cashbook.transactions.repository import TransactionRepository
from cashbook.transactions.service import NewTransaction, context, transaction_service

ORIGINS = "transaction_origins"
CHUNK = 2000


class IngestError(CashbookError):
    code = "INGEST_FAILED"


@dataclass
class IngestResult:
    fetched: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0  # already stored (duplicates)
    removed: int = 0  # pending payments the bank dropped
    last_booked_on: date | None = None
    seen: set[bytes] = field(default_factory=set)  # external-id indexes of the records

    def add(self, other: "IngestResult") -> None:
        self.fetched += other.fetched
        self.created += other.created
        self.updated += other.updated
        self.skipped += other.skipped
        self.removed += other.removed
        self.seen |= other.seen
        if other.last_booked_on and (
            self.last_booked_on is None or other.last_booked_on > self.last_booked_on
        ):
            self.last_booked_on = other.last_booked_on


def origin_context(column: str, transaction_id: uuid.UUID, user_id: uuid.UUID) -> Context:
    return Context(ORIGINS, column, transaction_id, user_id)


def minor(value: Decimal, currency: str) -> int:
    """Minor units, rounded half-to-even to the currency's precision (a statement may carry
    more decimals than the currency has)."""
    places = Decimal(1).scaleb(-exponent(currency))
    return to_minor(value.quantize(places, ROUND_HALF_EVEN), currency)


def external_key(record: StatementRecord) -> str:
    """What identifies a record at its source: a pending card payment by its reservation
    (it has no entry reference yet), everything else by its external id."""
    if record.reservation_id and (record.pending or not record.external_id):
        return f"reservation:{record.reservation_id}"
    if not record.external_id:
        raise ValueError("a record without an external id reached the ingest")
    return record.external_id


def _details(record: StatementRecord) -> str | None:
    values = {
        "variable_symbol": record.variable_symbol,
        "specific_symbol": record.specific_symbol,
        "constant_symbol": record.constant_symbol,
        "exchange_rate": str(record.exchange_rate) if record.exchange_rate is not None else None,
        "reservation_id": record.reservation_id,
    }
    kept = {key: value for key, value in values.items() if value is not None}
    return json.dumps(kept, sort_keys=True) if kept else None


def _canonical(record: StatementRecord, currency: str) -> str:
    return json.dumps(
        [
            record.booked_on.isoformat(),
            record.value_on.isoformat() if record.value_on else None,
            minor(record.amount, currency),
            record.description,
            record.counterparty_name,
            record.counterparty_account,
            record.original_amount and str(record.original_amount.normalize()),
            record.original_currency,
            record.pending,
            _details(record),
        ],
        ensure_ascii=False,
    )


@dataclass
class _Prepared:
    record: StatementRecord
    external_id: str
    index: bytes
    reservation_index: bytes | None
    digest: bytes


class IngestService:
    def check(self, account: Account, records: Sequence[StatementRecord]) -> list[EntryError]:
        """Why records cannot go into this account (its currency, amounts out of range),
        before anything is written."""
        problems = []
        for record in records:
            unit = "entry"
            if record.currency and record.currency != account.currency:
                problems.append(
                    EntryError(
                        record.position,
                        unit,
                        f"the amount is in {record.currency}, the account keeps {account.currency}",
                    )
                )
                continue
            try:
                minor(record.amount, account.currency)
                if record.original_amount is not None and record.original_currency:
                    minor(record.original_amount, record.original_currency)
            except (AmountError, ArithmeticError):
                problems.append(EntryError(record.position, unit, "the amount is out of range"))
        return problems

    def _prepare(self, keys: Keys, account: Account, record: StatementRecord) -> _Prepared:
        external = external_key(record)
        reservation = None
        if record.reservation_id and not external.startswith("reservation:"):
            reservation = keys.index.external_id(
                account.user_id, account.id, f"reservation:{record.reservation_id}"
            )
        return _Prepared(
            record,
            external,
            keys.index.external_id(account.user_id, account.id, external),
            reservation,
            keys.index.digest("record", account.user_id, _canonical(record, account.currency)),
        )

    def _origin_values(
        self,
        keys: Keys,
        account: Account,
        transaction_id: uuid.UUID,
        item: _Prepared,
        connection_id: uuid.UUID | None,
        import_id: uuid.UUID | None,
    ) -> dict[str, Any]:
        user_id = account.user_id
        now = utcnow()
        return {
            "user_id": user_id,
            "connection_id": connection_id,
            "import_id": import_id,
            "pending": item.record.pending,
            "digest": item.digest,
            "details": keys.cipher.encrypt(
                _details(item.record), origin_context("details", transaction_id, user_id)
            ),
            "raw": keys.cipher.encrypt(
                item.record.raw, origin_context("raw", transaction_id, user_id)
            ),
            "created_at": now,
            "updated_at": now,
        }

    def _new(self, account: Account, item: _Prepared, source: TransactionSource) -> NewTransaction:
        record = item.record
        original = None
        if record.original_amount is not None and record.original_currency:
            original = minor(record.original_amount, record.original_currency)
        return NewTransaction(
            account_id=account.id,
            booked_on=record.booked_on,
            value_on=record.value_on,
            amount=minor(record.amount, account.currency),
            currency=account.currency,
            original_amount=original,
            original_currency=record.original_currency if original is not None else None,
            description=record.description,
            counterparty_name=record.counterparty_name,
            counterparty_account=record.counterparty_account,
            source=source,
            external_id=item.external_id,
        )

    async def _update(
        self,
        session: AsyncSession,
        keys: Keys,
        account: Account,
        stored: Stored,
        item: _Prepared,
        origin: dict[str, Any],
    ) -> None:
        """Bring a stored transaction in line with what its source says now. What the person
        added (category, tags, note) stays."""
        row_id, user_id = stored.transaction_id, account.user_id
        new = self._new(account, item, TransactionSource.bank)
        texts = {
            "description": new.description,
            "counterparty_name": new.counterparty_name,
            "counterparty_account": new.counterparty_account,
            "external_id": new.external_id,
        }
        values: dict[str, Any] = {
            "booked_on": new.booked_on,
            "value_on": new.value_on,
            "amount": new.amount,
            "original_amount": new.original_amount,
            "original_currency": new.original_currency,
            "external_id_index": item.index,
            "updated_at": utcnow(),
            **{
                column: keys.cipher.encrypt(text, context(column, row_id, user_id))
                for column, text in texts.items()
            },
        }
        repository = OriginRepository(session)
        await repository.update_transaction(row_id, values)
        words = keys.index.words(user_id, new.description, new.counterparty_name)
        await TransactionRepository(session).replace_words(row_id, words)
        await repository.upsert(row_id, origin)

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
        progress: Callable[[int, int], None] | None = None,
    ) -> IngestResult:
        """Store `records` in `account`. With `update_existing` (a bank sync), a stored
        record whose content changed is updated and a pending payment becomes its booking;
        without it (an import), anything already stored is skipped."""
        result = IngestResult(fetched=len(records))
        for start in range(0, len(records), CHUNK):
            chunk = [self._prepare(keys, account, r) for r in records[start : start + CHUNK]]
            await self._chunk(
                session,
                keys,
                account,
                chunk,
                result,
                source,
                connection_id,
                import_id,
                update_existing,
            )
            if progress is not None:
                progress(min(start + CHUNK, len(records)), len(records))
        booked = [r.booked_on for r in records if not r.pending]
        result.last_booked_on = max(booked) if booked else None
        return result

    async def _chunk(
        self,
        session: AsyncSession,
        keys: Keys,
        account: Account,
        chunk: list[_Prepared],
        result: IngestResult,
        source: TransactionSource,
        connection_id: uuid.UUID | None,
        import_id: uuid.UUID | None,
        update_existing: bool,
    ) -> None:
        origins = OriginRepository(session)
        wanted = {item.index for item in chunk} | {
            item.reservation_index for item in chunk if item.reservation_index
        }
        stored = await origins.stored(account.id, wanted)
        new: list[_Prepared] = []
        for item in chunk:
            if item.index in result.seen:
                result.skipped += 1
                continue
            result.seen.add(item.index)
            found = stored.get(item.index)
            booking = stored.get(item.reservation_index) if item.reservation_index else None
            if found is None and booking is not None and booking.pending:
                # A pending card payment was booked: it becomes this booking.
                found, changed = booking, True
                result.seen.add(item.reservation_index)  # type: ignore[arg-type]
            else:
                changed = found is not None and update_existing and found.digest != item.digest
            if found is None:
                new.append(item)
            elif changed:
                origin = self._origin_values(
                    keys, account, found.transaction_id, item, connection_id, import_id
                )
                await self._update(session, keys, account, found, item, origin)
                result.updated += 1
            else:
                result.skipped += 1
        if not new:
            return
        await transaction_service.ingest(
            session, keys, account.user_id, [self._new(account, item, source) for item in new]
        )
        ids = await origins.stored(account.id, {item.index for item in new})
        await origins.insert_many(
            [
                {
                    "id": ids[item.index].transaction_id,
                    **self._origin_values(
                        keys,
                        account,
                        ids[item.index].transaction_id,
                        item,
                        connection_id,
                        import_id,
                    ),
                }
                for item in new
            ]
        )
        result.created += len(new)

    async def remove_vanished_pending(
        self, session: AsyncSession, account: Account, since: date, seen: set[bytes]
    ) -> int:
        """Pending payments from `since` on that the bank no longer lists were cancelled."""
        pending = await OriginRepository(session).pending_since(account.id, since)
        gone = [row_id for row_id, index in pending if index not in seen]
        if gone:
            await TransactionRepository(session).delete_many(account.user_id, gone)
        return len(gone)


ingest_service = IngestService()

"""Transactions: the ledger itself. Text that identifies people is encrypted per field; the
words of descriptions and counterparties are blind-indexed so search needs no decryption."""

import base64
import binascii
import json
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import structlog
from fastapi import status
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.history.service import (
    TAGS,
    TEXTS,
    Actor,
    Change,
    history_service,
    kind_of,
    state,
    tag_list,
)
from cashbook.kit import metrics
from cashbook.kit.encryption import DecryptionFailed, Keys, RowContext, words_of
from cashbook.kit.errors import CashbookError, Conflict, NotFound
from cashbook.kit.money import EXPONENTS, to_minor, to_minor_bound, to_text
from cashbook.ledger.lifecycle import lifecycle_service
from cashbook.ledger.records import NewTransaction
from cashbook.ledger.repository import LedgerRepository
from cashbook.ledger.service import (
    SEARCHED,
    CurrencyMismatch,
    announce,
    check_references,
    ledger_service,
    seal,
)
from cashbook.models import Transaction, TransactionPart, User
from cashbook.models.base import utcnow
from cashbook.models.transaction import RESTORABLE_FOR
from cashbook.models.transaction_version import VersionKind
from cashbook.transactions.repository import (
    AmountBound,
    TransactionFilter,
    TransactionRepository,
)
from cashbook.transactions.schemas import (
    MAX_BULK,
    MAX_MATCHING,
    BulkAction,
    BulkMatchingRequest,
    BulkRequest,
    BulkResult,
    TransactionCreate,
    TransactionMatch,
    TransactionQuery,
    TransactionSplitSet,
    TransactionUpdate,
)

log = structlog.get_logger(__name__)

# A split part with its tag ids, as the repository reads them.
Part = tuple[TransactionPart, list[uuid.UUID]]


class TransactionNotFound(NotFound):
    code = "TRANSACTION_NOT_FOUND"


class InvalidCursor(CashbookError):
    code = "INVALID_CURSOR"


class MatchingCountChanged(Conflict):
    code = "MATCHING_COUNT_CHANGED"


class TooManyMatching(CashbookError):
    code = "TOO_MANY_MATCHING"


class SplitMismatch(CashbookError):
    status_code = status.HTTP_422_UNPROCESSABLE_CONTENT
    code = "SPLIT_MISMATCH"


def encode_cursor(sort: str, row: Transaction) -> str:
    value = getattr(row, sort.lstrip("-"))
    payload = [sort, value.isoformat() if isinstance(value, date) else value, str(row.id)]
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def decode_cursor(sort: str, cursor: str) -> tuple[Any, uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, value, row_id = json.loads(raw)
        if cursor_sort != sort:
            raise ValueError("another sort order")
        key = date.fromisoformat(value) if sort.lstrip("-") == "booked_on" else int(value)
        return key, uuid.UUID(row_id)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        raise InvalidCursor(
            "This cursor does not belong to this listing; start again without it."
        ) from None


def _bound(amount: str | None, *, lower: bool) -> AmountBound | None:
    if amount is None:
        return None
    return AmountBound({e: to_minor_bound(amount, e, lower=lower) for e in EXPONENTS})


class TransactionService:
    # Reading

    def _open(
        self, keys: Keys, row: Transaction | TransactionPart, columns: tuple[str, ...]
    ) -> tuple[dict[str, str | None], list[str]]:
        """The row's texts in `columns`, and the columns that failed to decrypt (null)."""
        table = type(row).__tablename__
        where = RowContext(table, row.id, row.user_id)
        texts: dict[str, str | None] = {}
        failed: list[str] = []
        for column in columns:
            blob = getattr(row, column)
            if blob is None:
                texts[column] = None
                continue
            try:
                texts[column] = keys.cipher.open(blob, where.associated_data(column))
            except DecryptionFailed as error:
                texts[column] = None
                failed.append(column)
                metrics.DECRYPTION_FAILURES.labels(table).inc()
                # Ids and the reason only: never the value.
                log.warning(
                    "stored value failed to decrypt",
                    table=table,
                    column=column,
                    row_id=str(row.id),
                    why=error.why,
                )
        return texts, failed

    def read(
        self, keys: Keys, row: Transaction, tag_ids: list[uuid.UUID], parts: list[Part]
    ) -> dict[str, Any]:
        """The API's view of a row (`TransactionRead`'s fields). A plain dict: the response
        model validates it once, in pydantic's compiled core, which matters for long pages."""
        texts, failed = self._open(keys, row, TEXTS)
        shown_parts = []
        for part, part_tags in parts:
            notes, part_failed = self._open(keys, part, ("note",))
            failed += [f"parts.{column}" for column in part_failed]
            shown_parts.append(
                {
                    "id": part.id,
                    "amount": to_text(part.amount, row.currency),
                    "category_id": part.category_id,
                    "tag_ids": part_tags,
                    **notes,
                }
            )
        problem = None
        if failed:
            problem = {
                "code": "DECRYPTION_FAILED",
                "reason": "Some stored text of this transaction could not be decrypted: it was "
                "altered or moved in the database, or its key is no longer configured.",
                "fields": failed,
            }
        original = None
        if row.original_amount is not None and row.original_currency:
            original = to_text(row.original_amount, row.original_currency)
        return {
            "id": row.id,
            "account_id": row.account_id,
            "booked_on": row.booked_on,
            "value_on": row.value_on,
            "amount": to_text(row.amount, row.currency),
            "currency": row.currency,
            "original_amount": original,
            "original_currency": row.original_currency,
            "category_id": row.category_id,
            "rule_id": row.rule_id,
            "transfer_id": row.transfer_id,
            "tag_ids": tag_ids,
            "parts": shown_parts,
            "source": row.source,
            "created_at": row.created_at,
            "updated_at": row.updated_at,
            "decryption_error": problem,
            **texts,
        }

    def to_filter(self, keys: Keys, user: User, query: TransactionMatch) -> TransactionFilter:
        words = None
        if query.q is not None and query.q.strip():
            words = [keys.index.word(user.id, word) for word in sorted(words_of(query.q))]
        return TransactionFilter(
            date_from=query.date_from,
            date_to=query.date_to,
            account_ids=query.account_id,
            category_ids=[c for c in query.category_id if isinstance(c, uuid.UUID)],
            uncategorised="none" in query.category_id,
            tag_ids=query.tag_id,
            kind=query.type,
            amount_min=_bound(query.amount_min, lower=True),
            amount_max=_bound(query.amount_max, lower=False),
            word_indexes=words,
        )

    async def recently_deleted(
        self, session: AsyncSession, keys: Keys, user: User, limit: int
    ) -> list[dict[str, Any]]:
        """What the person deleted and can still restore, the latest first."""
        since = utcnow() - RESTORABLE_FOR
        repository = TransactionRepository(session)
        found = await repository.recently_deleted(user.id, since, limit)
        parts = await repository.parts(row.id for row, _ in found)
        return [
            {**self.read(keys, row, tags, parts[row.id]), "deleted_at": row.deleted_at}
            for row, tags in found
        ]

    async def list(
        self, session: AsyncSession, keys: Keys, user: User, query: TransactionQuery
    ) -> dict[str, Any]:
        after = decode_cursor(query.sort, query.cursor) if query.cursor else None
        found = await TransactionRepository(session).page(
            user.id,
            self.to_filter(keys, user, query),
            sort=query.sort,
            after=after,
            limit=query.limit + 1,
        )
        page = found[: query.limit]
        parts = await TransactionRepository(session).parts(row.id for row, _ in page)
        # A filter id that matched one of the caller's rows is theirs; any other must be
        # checked, so someone else's id answers 404 instead of an empty page.
        await check_references(
            session,
            user.id,
            account_ids=set(query.account_id) - {row.account_id for row, _ in found},
            category_ids={c for c in query.category_id if isinstance(c, uuid.UUID)}
            - {row.category_id for row, _ in found},
            tag_ids=set(query.tag_id) - {tag for _, tags in found for tag in tags},
        )
        more = len(found) > query.limit
        return {
            "items": [self.read(keys, row, tags, parts[row.id]) for row, tags in page],
            "next_cursor": encode_cursor(query.sort, page[-1][0]) if more else None,
        }

    async def get(self, session: AsyncSession, user: User, row_id: uuid.UUID) -> Transaction:
        error = TransactionNotFound("No such transaction.")
        return await TransactionRepository(session).get_or_raise(user.id, row_id, error)

    async def read_one(
        self, session: AsyncSession, keys: Keys, user: User, row_id: uuid.UUID
    ) -> dict[str, Any]:
        row = await self.get(session, user, row_id)
        repository = TransactionRepository(session)
        tags = await repository.tag_ids([row.id])
        parts = await repository.parts([row.id])
        return self.read(keys, row, tags.get(row.id, []), parts[row.id])

    # Writing

    async def history(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        row_id: uuid.UUID,
        after: int,
        limit: int,
    ) -> dict[str, Any]:
        await self.get(session, user, row_id)
        return await history_service.page(session, keys, user.id, row_id, after, limit)

    async def restore(
        self, session: AsyncSession, keys: Keys, user: User, row_id: uuid.UUID, actor: Actor
    ) -> dict[str, Any]:
        await lifecycle_service.restore(session, keys, user.id, row_id, actor)
        return await self.read_one(session, keys, user, row_id)

    async def undo(
        self, session: AsyncSession, keys: Keys, user: User, batch_id: uuid.UUID, actor: Actor
    ) -> dict[str, Any]:
        return await lifecycle_service.undo(session, keys, user.id, batch_id, actor)

    async def create(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        data: TransactionCreate,
        actor: Actor,
    ) -> dict[str, Any]:
        accounts = await check_references(session, user.id, account_ids={data.account_id})
        currency = data.currency or accounts[data.account_id].currency
        item = NewTransaction(
            **data.model_dump(exclude={"amount", "currency", "original_amount", "tag_ids"}),
            amount=to_minor(data.amount, currency),
            currency=currency,
            original_amount=(
                to_minor(data.original_amount, data.original_currency)
                if data.original_amount is not None and data.original_currency
                else None
            ),
            tag_ids=data.tag_ids,
        )
        result = await ledger_service.write(session, keys, user.id, [item], actor)
        return await self.read_one(session, keys, user, result.ids[0])

    async def update(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        row_id: uuid.UUID,
        changes: TransactionUpdate,
        actor: Actor,
    ) -> dict[str, Any]:
        repository = TransactionRepository(session)
        row = await self.get(session, user, row_id)
        tags = (await repository.tag_ids([row.id])).get(row.id, [])
        before = state(keys, row, tags)
        values = changes.model_dump(exclude_unset=True, exclude={"tag_ids"})
        account_id = values.get("account_id", row.account_id)
        accounts = await check_references(
            session,
            user.id,
            account_ids={account_id},
            category_ids={values["category_id"]} if values.get("category_id") else set(),
            tag_ids=set(changes.tag_ids or ()),
        )
        currency = accounts[account_id].currency
        if "amount" in values and await repository.parts([row.id]):
            raise SplitMismatch(
                "This transaction is split: remove its split before changing its amount."
            )
        if currency != row.currency and "amount" not in values:
            raise CurrencyMismatch(
                f"The new account keeps {currency}; give the amount in {currency} too."
            )
        values["currency"] = currency
        if "amount" in values:
            values["amount"] = to_minor(values["amount"], currency)
        if values.get("original_amount") is not None:
            values["original_amount"] = to_minor(
                values["original_amount"], values["original_currency"]
            )
        texts = {column: values.pop(column) for column in TEXTS if column in values}
        values.update(seal(keys, row.id, user.id, texts))
        if set(SEARCHED) & texts.keys():
            current, _ = self._open(keys, row, SEARCHED)
            searched = [texts[c] if c in texts else current[c] for c in SEARCHED]
            words = keys.index.words(user.id, *searched)
            await LedgerRepository(session).replace_words(row.id, words)
        await repository.update(row, values)
        if changes.tag_ids is not None:
            tags = list(set(changes.tag_ids))
            await repository.set_tags(row.id, set(tags))
        change = Change(row.id, before, state(keys, row, tags))
        await history_service.record(session, keys, user.id, kind_of(change), actor, [change])
        announce(session, user.id, changed=1)
        return await self.read_one(session, keys, user, row.id)

    async def split(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        row_id: uuid.UUID,
        request: TransactionSplitSet,
    ) -> dict[str, Any]:
        """Replace the transaction's parts; no parts removes the split."""
        row = await self.get(session, user, row_id)
        await check_references(
            session,
            user.id,
            category_ids={p.category_id for p in request.parts if p.category_id},
            tag_ids={tag for p in request.parts for tag in p.tag_ids},
        )
        amounts = [to_minor(part.amount, row.currency) for part in request.parts]
        if len(amounts) == 1:
            raise SplitMismatch("A split has two or more parts (or none, to remove it).")
        if 0 in amounts:
            raise SplitMismatch("Every part of a split has an amount other than zero.")
        if amounts and sum(amounts) != row.amount:
            difference = to_text(row.amount - sum(amounts), row.currency)
            raise SplitMismatch(
                f"The parts add up to {to_text(sum(amounts), row.currency)} {row.currency}, "
                f"not {to_text(row.amount, row.currency)}: {difference} is left to assign.",
            )
        parts, tags = [], []
        for position, (part, amount) in enumerate(zip(request.parts, amounts, strict=True)):
            part_id = uuid.uuid4()
            context = TransactionPart.field_context("note", part_id, user.id)
            parts.append(
                {
                    "id": part_id,
                    "user_id": user.id,
                    "transaction_id": row.id,
                    "position": position,
                    "amount": amount,
                    "category_id": part.category_id,
                    "note": keys.cipher.encrypt(part.note, context),
                }
            )
            tags += [{"part_id": part_id, "tag_id": tag} for tag in dict.fromkeys(part.tag_ids)]
        await TransactionRepository(session).replace_parts(row.id, parts, tags)
        announce(session, user.id, changed=1)
        return await self.read_one(session, keys, user, row.id)

    async def delete(
        self, session: AsyncSession, keys: Keys, user: User, row_id: uuid.UUID, actor: Actor
    ) -> None:
        row = await self.get(session, user, row_id)
        await ledger_service.remove(session, keys, user.id, [row.id], actor)

    async def count(
        self, session: AsyncSession, keys: Keys, user: User, query: TransactionMatch
    ) -> int:
        await self._check_filter_references(session, user, query)
        return await TransactionRepository(session).count_matching(
            user.id, self.to_filter(keys, user, query)
        )

    async def bulk(
        self, session: AsyncSession, keys: Keys, user: User, request: BulkRequest, actor: Actor
    ) -> BulkResult:
        """All or nothing: one id, category or tag that is not the caller's makes it 404 before
        anything changes."""
        ids = list(dict.fromkeys(request.ids))
        if await TransactionRepository(session).count_owned(user.id, set(ids)) != len(ids):
            raise TransactionNotFound("One or more of these transactions do not exist.")
        return await self._apply(session, keys, user, request, ids, actor)

    async def bulk_matching(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        request: BulkMatchingRequest,
        actor: Actor,
    ) -> BulkResult:
        """The action over every transaction the filters match, if they are still as many as
        the person was shown; otherwise nothing changes."""
        await self._check_filter_references(session, user, request.filters)
        ids = await TransactionRepository(session).matching_ids(
            user.id, self.to_filter(keys, user, request.filters), limit=MAX_MATCHING + 1
        )
        if len(ids) > MAX_MATCHING:
            raise TooManyMatching(
                f"These filters match more than {MAX_MATCHING} transactions; narrow them down "
                "and act on each part."
            )
        if len(ids) != request.expected_count:
            raise MatchingCountChanged(
                f"These filters now match {len(ids)} transactions, not "
                f"{request.expected_count}; look at the list again before acting on it."
            )
        return await self._apply(session, keys, user, request, ids, actor)

    async def _check_filter_references(
        self, session: AsyncSession, user: User, query: TransactionMatch
    ) -> None:
        await check_references(
            session,
            user.id,
            account_ids=set(query.account_id),
            category_ids={c for c in query.category_id if isinstance(c, uuid.UUID)},
            tag_ids=set(query.tag_id),
        )

    async def _apply(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        request: BulkAction,
        ids: Sequence[uuid.UUID],
        actor: Actor,
    ) -> BulkResult:
        """The action over `ids` (the caller's), a chunk of them per statement, as one batch
        of versions (undone together)."""
        await check_references(
            session,
            user.id,
            category_ids={request.category_id} if request.category_id else set(),
            tag_ids=set(request.tag_ids),
        )
        batch_id = uuid.uuid4()
        for start in range(0, len(ids), MAX_BULK):
            chunk = ids[start : start + MAX_BULK]
            await self._apply_chunk(session, keys, user, request, chunk, actor, batch_id)
        return BulkResult(action=request.action, count=len(ids), batch_id=batch_id)

    async def _apply_chunk(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        request: BulkAction,
        ids: Sequence[uuid.UUID],
        actor: Actor,
        batch_id: uuid.UUID,
    ) -> None:
        repository = TransactionRepository(session)
        tag_ids = set(request.tag_ids)
        if request.action == "delete":
            await ledger_service.remove(session, keys, user.id, list(ids), actor, batch_id=batch_id)
            return
        if request.action == "set_category":
            categories = await repository.categories(user.id, ids)
            kind = VersionKind.categorise
            changes = [
                Change(
                    row_id,
                    {"category_id": categories[row_id]},
                    {"category_id": request.category_id},
                )
                for row_id in ids
            ]
            await repository.set_category(user.id, ids, request.category_id)
        else:
            existing = await repository.tag_ids(ids)
            kind = VersionKind.tag
            changes = []
            for row_id in ids:
                before = set(existing.get(row_id, ()))
                after = before | tag_ids if request.action == "add_tags" else before - tag_ids
                changes.append(Change(row_id, {TAGS: tag_list(before)}, {TAGS: tag_list(after)}))
            if request.action == "add_tags":
                await repository.add_tags(ids, tag_ids)
            else:
                await repository.remove_tags(ids, tag_ids)
        await history_service.record(
            session, keys, user.id, kind, actor, changes, batch_id=batch_id
        )
        announce(session, user.id, changed=len(ids))


transaction_service = TransactionService()

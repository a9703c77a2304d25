"""Transactions: the ledger itself. Text that identifies people is encrypted per field; the
words of descriptions and counterparties are blind-indexed so search needs no decryption."""

import base64
import binascii
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.repository import AccountRepository
from cashbook.alerts.kinds import request_check
from cashbook.categories.repository import CategoryRepository
from cashbook.kit import metrics
from cashbook.kit.encryption import Context, DecryptionFailed, Keys, RowContext, words_of
from cashbook.kit.errors import CashbookError, NotFound
from cashbook.kit.ids import time_ordered_uuid
from cashbook.kit.money import EXPONENTS, to_minor, to_minor_bound, to_text
from cashbook.live.publish import publish
from cashbook.models import Account, Transaction, User
from cashbook.models.base import utcnow
from cashbook.models.transaction import TransactionSource
from cashbook.tags.repository import TagRepository
from cashbook.transactions.repository import (
    AmountBound,
    TransactionFilter,
    TransactionRepository,
)
from cashbook.transactions.schemas import (
    BulkRequest,
    BulkResult,
    TransactionCreate,
    TransactionQuery,
    TransactionUpdate,
)

log = structlog.get_logger(__name__)

TABLE = "transactions"
# Encrypted columns the API shows; `external_id` is encrypted too but only the ingest reads it.
SHOWN = ("description", "counterparty_name", "counterparty_account", "note")
ENCRYPTED = (*SHOWN, "external_id")
SEARCHED = ("description", "counterparty_name")


class TransactionNotFound(NotFound):
    code = "TRANSACTION_NOT_FOUND"


class ReferenceNotFound(NotFound):
    code = "REFERENCE_NOT_FOUND"


class CurrencyMismatch(CashbookError):
    code = "CURRENCY_MISMATCH"


class InvalidCursor(CashbookError):
    code = "INVALID_CURSOR"


def context(column: str, row_id: uuid.UUID, user_id: uuid.UUID) -> Context:
    return Context(TABLE, column, row_id, user_id)


@dataclass
class NewTransaction:
    """One transaction for the ingest path (manual entry, bank sync, statement import)."""

    account_id: uuid.UUID
    booked_on: date
    amount: int  # minor units of the account's currency
    currency: str
    value_on: date | None = None
    original_amount: int | None = None
    original_currency: str | None = None
    description: str | None = None
    counterparty_name: str | None = None
    counterparty_account: str | None = None
    note: str | None = None
    category_id: uuid.UUID | None = None
    tag_ids: Iterable[uuid.UUID] = ()
    source: TransactionSource = TransactionSource.manual
    external_id: str | None = None


@dataclass
class IngestResult:
    created: list[uuid.UUID] = field(default_factory=list)
    duplicates: int = 0


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

    def read(self, keys: Keys, row: Transaction, tag_ids: list[uuid.UUID]) -> dict[str, Any]:
        """The API's view of a row (`TransactionRead`'s fields). A plain dict: the response
        model validates it once, in pydantic's compiled core, which matters for long pages."""
        where = RowContext(TABLE, row.id, row.user_id)
        texts: dict[str, str | None] = {}
        failed: list[str] = []
        for column in SHOWN:
            blob = getattr(row, column)
            if blob is None:
                texts[column] = None
                continue
            try:
                texts[column] = keys.cipher.open(blob, where.associated_data(column))
            except DecryptionFailed as error:
                texts[column] = None
                failed.append(column)
                metrics.DECRYPTION_FAILURES.labels(TABLE).inc()
                # Ids and the reason only: never the value.
                log.warning(
                    "stored value failed to decrypt",
                    table=TABLE,
                    column=column,
                    row_id=str(row.id),
                    why=error.why,
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
            "transfer_id": row.transfer_id,
            "tag_ids": tag_ids,
            "source": row.source,
            "created_at": row.created_at,
            "updated_at": row.updated_at,
            "decryption_error": problem,
            **texts,
        }

    def to_filter(self, keys: Keys, user: User, query: TransactionQuery) -> TransactionFilter:
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
        # A filter id that matched one of the caller's rows is theirs; any other must be
        # checked, so someone else's id answers 404 instead of an empty page.
        await self._check_references(
            session,
            user.id,
            account_ids=set(query.account_id) - {row.account_id for row, _ in found},
            category_ids={c for c in query.category_id if isinstance(c, uuid.UUID)}
            - {row.category_id for row, _ in found},
            tag_ids=set(query.tag_id) - {tag for _, tags in found for tag in tags},
        )
        more = len(found) > query.limit
        return {
            "items": [self.read(keys, row, tags) for row, tags in page],
            "next_cursor": encode_cursor(query.sort, page[-1][0]) if more else None,
        }

    async def get(self, session: AsyncSession, user: User, row_id: uuid.UUID) -> Transaction:
        error = TransactionNotFound("No such transaction.")
        return await TransactionRepository(session).get_or_raise(user.id, row_id, error)

    async def read_one(
        self, session: AsyncSession, keys: Keys, user: User, row_id: uuid.UUID
    ) -> dict[str, Any]:
        row = await self.get(session, user, row_id)
        tags = await TransactionRepository(session).tag_ids([row.id])
        return self.read(keys, row, tags.get(row.id, []))

    # Writing

    async def _check_references(
        self,
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
        if await CategoryRepository(session).count_owned(user_id, category_ids) != len(
            category_ids
        ):
            raise ReferenceNotFound("No such category.")
        if await TagRepository(session).count_owned(user_id, tag_ids) != len(tag_ids):
            raise ReferenceNotFound("No such tag.")
        return accounts

    def _encrypted(
        self, keys: Keys, row_id: uuid.UUID, user_id: uuid.UUID, values: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            column: keys.cipher.encrypt(values[column], context(column, row_id, user_id))
            for column in ENCRYPTED
            if column in values
        }

    async def ingest(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        items: Sequence[NewTransaction],
    ) -> IngestResult:
        """Store many transactions at once with Core inserts. One whose (account, external id)
        is already stored, or repeats an earlier one of the batch, is skipped as a duplicate."""
        items = list(items)
        accounts = await self._check_references(
            session,
            user_id,
            account_ids={item.account_id for item in items},
            category_ids={item.category_id for item in items if item.category_id},
            tag_ids={tag for item in items for tag in item.tag_ids},
        )
        for item in items:
            if item.currency != accounts[item.account_id].currency:
                raise CurrencyMismatch(
                    f"The account keeps {accounts[item.account_id].currency}; record a foreign "
                    "amount as original_amount and original_currency."
                )
        repository = TransactionRepository(session)
        external = {
            id(item): keys.index.external_id(user_id, item.account_id, item.external_id)
            for item in items
            if item.external_id is not None
        }
        seen = await repository.existing_external(user_id, set(external.values()), accounts)
        result = IngestResult()
        rows: list[dict[str, Any]] = []
        tags: list[dict[str, Any]] = []
        words: list[dict[str, Any]] = []
        now = utcnow()
        for item in items:
            index = external.get(id(item))
            if index is not None:
                if index in seen:
                    result.duplicates += 1
                    continue
                seen.add(index)
            row_id = time_ordered_uuid()
            texts = {column: getattr(item, column) for column in ENCRYPTED}
            rows.append(
                {
                    "id": row_id,
                    "user_id": user_id,
                    "account_id": item.account_id,
                    "booked_on": item.booked_on,
                    "value_on": item.value_on,
                    "amount": item.amount,
                    "currency": item.currency,
                    "original_amount": item.original_amount,
                    "original_currency": item.original_currency,
                    "category_id": item.category_id,
                    "source": item.source,
                    "external_id_index": index,
                    "created_at": now,
                    "updated_at": now,
                    **self._encrypted(keys, row_id, user_id, texts),
                }
            )
            tags += [{"transaction_id": row_id, "tag_id": tag} for tag in set(item.tag_ids)]
            words += [
                {"transaction_id": row_id, "word": word}
                for word in keys.index.words(user_id, *(texts[c] for c in SEARCHED))
            ]
            result.created.append(row_id)
        await repository.insert_many(rows, tags, words)
        if result.created:
            request_check(session, user_id)  # budgets crossed, large expenses
            publish(session, [user_id], "transactions", {"created": len(result.created)})
        return result

    async def create(
        self, session: AsyncSession, keys: Keys, user: User, data: TransactionCreate
    ) -> dict[str, Any]:
        accounts = await self._check_references(session, user.id, account_ids={data.account_id})
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
        result = await self.ingest(session, keys, user.id, [item])
        return await self.read_one(session, keys, user, result.created[0])

    async def update(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        row_id: uuid.UUID,
        changes: TransactionUpdate,
    ) -> dict[str, Any]:
        repository = TransactionRepository(session)
        row = await self.get(session, user, row_id)
        values = changes.model_dump(exclude_unset=True, exclude={"tag_ids"})
        account_id = values.get("account_id", row.account_id)
        accounts = await self._check_references(
            session,
            user.id,
            account_ids={account_id},
            category_ids={values["category_id"]} if values.get("category_id") else set(),
            tag_ids=set(changes.tag_ids or ()),
        )
        currency = accounts[account_id].currency
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
        texts = {column: values.pop(column) for column in SHOWN if column in values}
        values.update(self._encrypted(keys, row.id, user.id, texts))
        if set(SEARCHED) & texts.keys():
            current = self.read(keys, row, [])
            searched = [texts[c] if c in texts else current[c] for c in SEARCHED]
            await repository.replace_words(row.id, keys.index.words(user.id, *searched))
        await repository.update(row, values)
        if changes.tag_ids is not None:
            await repository.set_tags(row.id, set(changes.tag_ids))
        return await self.read_one(session, keys, user, row.id)

    async def delete(self, session: AsyncSession, user: User, row_id: uuid.UUID) -> None:
        await TransactionRepository(session).delete(await self.get(session, user, row_id))

    async def bulk(self, session: AsyncSession, user: User, request: BulkRequest) -> BulkResult:
        """All or nothing: one id, category or tag that is not the caller's makes it 404 before
        anything changes."""
        repository = TransactionRepository(session)
        ids = list(dict.fromkeys(request.ids))
        if await repository.count_owned(user.id, set(ids)) != len(ids):
            raise TransactionNotFound("One or more of these transactions do not exist.")
        tag_ids = set(request.tag_ids)
        await self._check_references(
            session,
            user.id,
            category_ids={request.category_id} if request.category_id else set(),
            tag_ids=tag_ids,
        )
        if request.action == "set_category":
            await repository.set_category(user.id, ids, request.category_id)
        elif request.action == "add_tags":
            await repository.add_tags(ids, tag_ids)
        elif request.action == "remove_tags":
            await repository.remove_tags(ids, tag_ids)
        else:
            await repository.delete_many(user.id, ids)
        return BulkResult(action=request.action, count=len(ids))


transaction_service = TransactionService()

"""Transactions: the ledger itself. Text that identifies people is encrypted per field; the
words of descriptions and counterparties are blind-indexed so search needs no decryption."""

import base64
import binascii
import json
import uuid
from datetime import date
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.kit import metrics
from cashbook.kit.encryption import DecryptionFailed, Keys, RowContext, words_of
from cashbook.kit.errors import CashbookError, NotFound
from cashbook.kit.money import EXPONENTS, to_minor, to_minor_bound, to_text
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
from cashbook.models import Transaction, User
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

TABLE = Transaction.__tablename__
# Encrypted columns the API shows (all but the source's external id).
SHOWN = tuple(c for c in Transaction.__encrypted__ if c != "external_id")


class TransactionNotFound(NotFound):
    code = "TRANSACTION_NOT_FOUND"


class InvalidCursor(CashbookError):
    code = "INVALID_CURSOR"


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

    async def create(
        self, session: AsyncSession, keys: Keys, user: User, data: TransactionCreate
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
        result = await ledger_service.write(session, keys, user.id, [item])
        return await self.read_one(session, keys, user, result.ids[0])

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
        accounts = await check_references(
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
        values.update(seal(keys, row.id, user.id, texts))
        if set(SEARCHED) & texts.keys():
            current = self.read(keys, row, [])
            searched = [texts[c] if c in texts else current[c] for c in SEARCHED]
            words = keys.index.words(user.id, *searched)
            await LedgerRepository(session).replace_words(row.id, words)
        await repository.update(row, values)
        if changes.tag_ids is not None:
            await repository.set_tags(row.id, set(changes.tag_ids))
        announce(session, user.id, changed=1)
        return await self.read_one(session, keys, user, row.id)

    async def delete(self, session: AsyncSession, user: User, row_id: uuid.UUID) -> None:
        await TransactionRepository(session).delete(await self.get(session, user, row_id))
        announce(session, user.id, changed=1)

    async def bulk(self, session: AsyncSession, user: User, request: BulkRequest) -> BulkResult:
        """All or nothing: one id, category or tag that is not the caller's makes it 404 before
        anything changes."""
        repository = TransactionRepository(session)
        ids = list(dict.fromkeys(request.ids))
        if await repository.count_owned(user.id, set(ids)) != len(ids):
            raise TransactionNotFound("One or more of these transactions do not exist.")
        tag_ids = set(request.tag_ids)
        await check_references(
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
        announce(session, user.id, changed=len(ids))
        return BulkResult(action=request.action, count=len(ids))


transaction_service = TransactionService()

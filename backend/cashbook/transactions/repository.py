"""Every query about transactions: filtered keyset pages, tags, search words, split parts,
bulk writes."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, delete, false, func, insert, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from cashbook.kit.money import currencies_with_exponent
from cashbook.kit.repository import OwnedRepository
from cashbook.models import (
    Transaction,
    TransactionPart,
    TransactionPartTag,
    TransactionTag,
    TransactionWord,
)
from cashbook.models.transaction import INCLUDE_DELETED

INSERT_CHUNK = 1000
GROUP_CONCAT_SAFE = 900


def _tag_list(text: str | None) -> list[uuid.UUID]:
    return sorted(uuid.UUID(tag) for tag in text.split(",")) if text else []


@dataclass
class AmountBound:
    """A bound in minor units for each decimal exponent (the same "12.50" is 1250 CZK but
    13 JPY)."""

    by_exponent: dict[int, int]


@dataclass
class TransactionFilter:
    date_from: date | None = None
    date_to: date | None = None
    account_ids: list[uuid.UUID] = field(default_factory=list)
    category_ids: list[uuid.UUID] = field(default_factory=list)
    uncategorised: bool = False
    tag_ids: list[uuid.UUID] = field(default_factory=list)
    kind: str | None = None  # "income" | "expense"
    amount_min: AmountBound | None = None
    amount_max: AmountBound | None = None
    word_indexes: list[bytes] | None = None  # every one must match; [] matches nothing


def _by_exponent(bound: AmountBound, compare) -> ColumnElement[bool]:
    zero, three = currencies_with_exponent(0), currencies_with_exponent(3)
    return or_(
        and_(Transaction.currency.in_(zero), compare(Transaction.amount, bound.by_exponent[0])),
        and_(Transaction.currency.in_(three), compare(Transaction.amount, bound.by_exponent[3])),
        and_(
            Transaction.currency.not_in(zero + three),
            compare(Transaction.amount, bound.by_exponent[2]),
        ),
    )


def filter_conditions(user_id: uuid.UUID, f: TransactionFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Transaction.user_id == user_id]
    if f.date_from is not None:
        conditions.append(Transaction.booked_on >= f.date_from)
    if f.date_to is not None:
        conditions.append(Transaction.booked_on <= f.date_to)
    if f.account_ids:
        conditions.append(Transaction.account_id.in_(f.account_ids))
    if f.category_ids or f.uncategorised:
        options = []
        if f.category_ids:
            # A split transaction is found by its parts' categories too.
            parts = select(TransactionPart.transaction_id).where(
                TransactionPart.category_id.in_(f.category_ids)
            )
            options += [Transaction.category_id.in_(f.category_ids), Transaction.id.in_(parts)]
        if f.uncategorised:
            options.append(Transaction.category_id.is_(None))
        conditions.append(or_(*options))
    if f.tag_ids:
        tagged = select(TransactionTag.transaction_id).where(TransactionTag.tag_id.in_(f.tag_ids))
        conditions.append(Transaction.id.in_(tagged))
    if f.kind == "income":
        conditions.append(Transaction.amount > 0)
    elif f.kind == "expense":
        conditions.append(Transaction.amount < 0)
    if f.amount_min is not None:
        conditions.append(_by_exponent(f.amount_min, lambda column, v: column >= v))
    if f.amount_max is not None:
        conditions.append(_by_exponent(f.amount_max, lambda column, v: column <= v))
    if f.word_indexes is not None:
        if not f.word_indexes:
            conditions.append(false())
        for word in f.word_indexes:
            matching = select(TransactionWord.transaction_id).where(TransactionWord.word == word)
            conditions.append(Transaction.id.in_(matching))
    return conditions


SORTS = {"booked_on": Transaction.booked_on, "amount": Transaction.amount}


class TransactionRepository(OwnedRepository[Transaction]):
    model = Transaction

    async def page(
        self,
        user_id: uuid.UUID,
        f: TransactionFilter,
        *,
        sort: str,
        after: tuple[Any, uuid.UUID] | None,
        limit: int,
    ) -> list[tuple[Transaction, list[uuid.UUID]]]:
        """One keyset page: rows strictly after `after` in the sort order, so a row added
        while someone pages never makes another appear twice or be skipped."""
        descending = sort.startswith("-")
        column = SORTS[sort.lstrip("-")]
        # Tags ride along as one concatenated column: no second round trip per page.
        tags = (
            select(func.group_concat(TransactionTag.tag_id))
            .where(TransactionTag.transaction_id == Transaction.id)
            .scalar_subquery()
        )
        statement = select(Transaction, tags).where(*filter_conditions(user_id, f))
        if after is not None:
            value, last_id = after
            if descending:
                statement = statement.where(
                    column <= value, or_(column < value, Transaction.id < last_id)
                )
            else:
                statement = statement.where(
                    column >= value, or_(column > value, Transaction.id > last_id)
                )
        order = (column.desc(), Transaction.id.desc()) if descending else (column, Transaction.id)
        statement = statement.order_by(*order).limit(limit)
        rows = (await self.session.execute(statement)).all()
        # MariaDB cuts GROUP_CONCAT at group_concat_max_len (1024 bytes by default, about 27
        # ids): the rare row that may have been cut gets its tags read on their own.
        long = [row.id for row, tag_list in rows if tag_list and len(tag_list) > GROUP_CONCAT_SAFE]
        full = await self.tag_ids(long) if long else {}
        return [
            (row, full[row.id] if row.id in full else _tag_list(tag_list)) for row, tag_list in rows
        ]

    async def count_matching(self, user_id: uuid.UUID, f: TransactionFilter) -> int:
        statement = (
            select(func.count()).select_from(Transaction).where(*filter_conditions(user_id, f))
        )
        return (await self.session.execute(statement)).scalar_one()

    async def matching_ids(
        self, user_id: uuid.UUID, f: TransactionFilter, *, limit: int
    ) -> list[uuid.UUID]:
        statement = (
            select(Transaction.id)
            .where(*filter_conditions(user_id, f))
            .order_by(Transaction.id)
            .limit(limit)
        )
        return list((await self.session.execute(statement)).scalars())

    async def tag_ids(self, transaction_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list]:
        ids = list(transaction_ids)
        found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        if not ids:
            return found
        statement = (
            select(TransactionTag.transaction_id, TransactionTag.tag_id)
            .where(TransactionTag.transaction_id.in_(ids))
            .order_by(TransactionTag.tag_id)
        )
        for transaction_id, tag_id in await self.session.execute(statement):
            found[transaction_id].append(tag_id)
        return found

    async def parts(
        self, transaction_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, list[tuple[TransactionPart, list[uuid.UUID]]]]:
        """The parts of these transactions in their order, each with its tag ids."""
        ids = list(transaction_ids)
        found: dict[uuid.UUID, list[tuple[TransactionPart, list[uuid.UUID]]]] = defaultdict(list)
        if not ids:
            return found
        statement = (
            select(TransactionPart)
            .where(TransactionPart.transaction_id.in_(ids))
            .order_by(TransactionPart.transaction_id, TransactionPart.position)
        )
        parts = (await self.session.execute(statement)).scalars().all()
        tags: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        if parts:
            statement = (
                select(TransactionPartTag.part_id, TransactionPartTag.tag_id)
                .where(TransactionPartTag.part_id.in_([part.id for part in parts]))
                .order_by(TransactionPartTag.tag_id)
            )
            for part_id, tag_id in await self.session.execute(statement):
                tags[part_id].append(tag_id)
        for part in parts:
            found[part.transaction_id].append((part, tags[part.id]))
        return found

    async def replace_parts(
        self,
        transaction_id: uuid.UUID,
        parts: list[dict[str, Any]],
        tags: list[dict[str, Any]],
    ) -> None:
        """The transaction's parts become these (their tags as part_id/tag_id pairs)."""
        await self.session.execute(
            delete(TransactionPart).where(TransactionPart.transaction_id == transaction_id)
        )
        if parts:
            await self.session.execute(insert(TransactionPart), parts)
        if tags:
            await self.session.execute(insert(TransactionPartTag), tags)

    async def rows(
        self, user_id: uuid.UUID, ids: Iterable[uuid.UUID], *, include_deleted: bool = False
    ) -> dict[uuid.UUID, Transaction]:
        """These of the user's transactions, by id (those that are theirs)."""
        wanted = list(ids)
        found: dict[uuid.UUID, Transaction] = {}
        for start in range(0, len(wanted), INSERT_CHUNK):
            statement = (
                self.owned(user_id)
                .where(Transaction.id.in_(wanted[start : start + INSERT_CHUNK]))
                .execution_options(**{INCLUDE_DELETED: include_deleted})
            )
            found.update((row.id, row) for row in (await self.session.execute(statement)).scalars())
        return found

    async def categories(
        self, user_id: uuid.UUID, ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, uuid.UUID | None]:
        """The category of each of these transactions of the user."""
        statement = select(Transaction.id, Transaction.category_id).where(
            Transaction.user_id == user_id, Transaction.id.in_(ids)
        )
        return dict((await self.session.execute(statement)).tuples().all())

    async def set_tags(self, transaction_id: uuid.UUID, tag_ids: set[uuid.UUID]) -> None:
        await self.session.execute(
            delete(TransactionTag).where(TransactionTag.transaction_id == transaction_id)
        )
        await self.add_tags([transaction_id], tag_ids)

    async def add_tags(self, transaction_ids: list[uuid.UUID], tag_ids: set[uuid.UUID]) -> None:
        existing = await self.tag_ids(transaction_ids)
        values = [
            {"transaction_id": transaction_id, "tag_id": tag_id}
            for transaction_id in transaction_ids
            for tag_id in tag_ids
            if tag_id not in existing.get(transaction_id, ())
        ]
        for start in range(0, len(values), INSERT_CHUNK):
            await self.session.execute(insert(TransactionTag), values[start : start + INSERT_CHUNK])

    async def remove_tags(self, transaction_ids: list[uuid.UUID], tag_ids: set[uuid.UUID]) -> None:
        await self.session.execute(
            delete(TransactionTag).where(
                TransactionTag.transaction_id.in_(transaction_ids),
                TransactionTag.tag_id.in_(tag_ids),
            )
        )

    async def set_category(
        self, user_id: uuid.UUID, ids: list[uuid.UUID], category_id: uuid.UUID | None
    ) -> None:
        await self.session.execute(
            update(Transaction)
            .where(Transaction.user_id == user_id, Transaction.id.in_(ids))
            .values(category_id=category_id)
            .execution_options(synchronize_session=False)
        )

    async def mark_deleted(
        self, user_id: uuid.UUID, ids: list[uuid.UUID], at: datetime | None
    ) -> None:
        """Delete (`at` a time) or restore (None) these transactions of the user."""
        await self.session.execute(
            update(Transaction)
            .where(Transaction.user_id == user_id, Transaction.id.in_(ids))
            .values(deleted_at=at)
            .execution_options(synchronize_session=False)
        )

    async def deleted(
        self, user_id: uuid.UUID, ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, Transaction]:
        """These of the user's transactions that are deleted (not yet purged), by id."""
        statement = (
            self.owned(user_id)
            .where(Transaction.id.in_(ids), Transaction.deleted_at.is_not(None))
            .execution_options(**{INCLUDE_DELETED: True})
        )
        return {row.id: row for row in (await self.session.execute(statement)).scalars()}

    async def recently_deleted(
        self, user_id: uuid.UUID, since: datetime, limit: int
    ) -> list[tuple[Transaction, list[uuid.UUID]]]:
        """The user's transactions deleted since a time, the latest first."""
        statement = (
            self.owned(user_id)
            .where(Transaction.deleted_at >= since)
            .order_by(Transaction.deleted_at.desc(), Transaction.id)
            .limit(limit)
            .execution_options(**{INCLUDE_DELETED: True})
        )
        rows = list((await self.session.execute(statement)).scalars())
        tags = await self.tag_ids(row.id for row in rows)
        return [(row, tags.get(row.id, [])) for row in rows]

    async def purgeable(self, before: datetime, limit: int) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """(user, transaction) of transactions deleted before a time, oldest first."""
        statement = (
            select(Transaction.user_id, Transaction.id)
            .where(Transaction.deleted_at < before)
            .order_by(Transaction.deleted_at)
            .limit(limit)
            .execution_options(**{INCLUDE_DELETED: True})
        )
        return list((await self.session.execute(statement)).tuples())

    async def purge(self, ids: list[uuid.UUID]) -> None:
        """Remove deleted transactions for good (their tags, words and origin go with them)."""
        await self.session.execute(
            delete(Transaction)
            .where(Transaction.id.in_(ids), Transaction.deleted_at.is_not(None))
            .execution_options(synchronize_session=False)
        )

"""Transfers between a person's own accounts: the two sides (money out of one account, the
same money into another) share a `transfer_id`. Reports leave them out of income and expense;
balances keep them.

Matching: a transaction and an unlinked one with the opposite amount in the same currency in
another of the person's accounts, booked within three days, are one transfer when either
names the other's account as its counterparty (by IBAN, a Czech `number/bank` account
number, or the account number set on the account). Whichever side arrives first, matching the
second finds it. Only the person's own transactions are ever looked at.
"""

import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.repository import AccountRepository
from cashbook.accounts.service import account_service, iban_context, number_context
from cashbook.history.service import Actor, Change, history_service
from cashbook.kit.encryption import Keys
from cashbook.kit.errors import CashbookError, Conflict, NotFound
from cashbook.kit.money import to_text
from cashbook.models import Account, Transaction, User
from cashbook.models.account import AccountKind
from cashbook.models.transaction_version import VersionKind
from cashbook.transactions.schemas import TransactionCreate
from cashbook.transactions.service import transaction_service
from cashbook.transfers.repository import WINDOW, TransferRepository
from cashbook.transfers.schemas import Transfer

_CZECH_NUMBER = re.compile(r"^(?:(\d{1,6})-)?(\d{1,10})/(\d{4})$")


class TransferNotFound(NotFound):
    code = "TRANSFER_NOT_FOUND"


class TransferTransactionNotFound(NotFound):
    code = "TRANSACTION_NOT_FOUND"


class AlreadyATransfer(Conflict):
    code = "TRANSFER_EXISTS"


class NotATransfer(CashbookError):
    code = "TRANSFER_INVALID"
    status_code = 422


def identifier(text: str) -> str:
    """An account's identifier compared without spaces and case; a Czech account number
    (`[prefix-]number/bank`) as its IBAN."""
    compact = "".join(text.split()).upper()
    czech = _CZECH_NUMBER.match(compact)
    if czech is None:
        return compact
    prefix, number, bank = czech[1] or "0", czech[2], czech[3]
    bban = f"{bank}{prefix:0>6}{number:0>10}"
    check = 98 - int("".join(str(int(c, 36)) for c in bban + "CZ00")) % 97
    return f"CZ{check:02d}{bban}"


class TransferService:
    async def _own_accounts(
        self, session: AsyncSession, keys: Keys, user_id: uuid.UUID
    ) -> dict[str, uuid.UUID]:
        """Each identifier (IBAN, account number) of the person's accounts → the account."""
        own = {}
        for account in await AccountRepository(session).list(user_id):
            iban = keys.cipher.decrypt(account.iban, iban_context(account.id, user_id))
            number = keys.cipher.decrypt(account.number, number_context(account.id, user_id))
            for text in (iban, number):
                if text:
                    own[identifier(text)] = account.id
        return own

    def _names(self, keys: Keys, row: Transaction, own: dict[str, uuid.UUID]) -> uuid.UUID | None:
        """The person's own account this transaction names as its counterparty, if any."""
        where = Transaction.field_context("counterparty_account", row.id, row.user_id)
        text = keys.cipher.decrypt(row.counterparty_account, where)
        return own.get(identifier(text)) if text else None

    async def match_transfers(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        transaction_ids: Iterable[uuid.UUID],
        actor: Actor,
    ) -> int:
        """Link those of these transactions that are one side of a transfer with the other
        side; returns how many transfers were linked. (An enrich step of the write path.)"""
        repository = TransferRepository(session)
        rows = await repository.unlinked(user_id, transaction_ids)
        if not rows:
            return 0
        first, last = min(r.booked_on for r in rows), max(r.booked_on for r in rows)
        candidates = await repository.candidates(user_id, first, last)
        return await self._match(session, keys, user_id, rows, candidates, actor)

    async def match_account(
        self, session: AsyncSession, keys: Keys, account: Account, since: date, actor: Actor
    ) -> int:
        """Match the account's unlinked transactions booked since a day (after a sync or an
        import into it). The other accounts' candidates come first, so only the account's
        transactions with an opposite amount are loaded (not a whole import's)."""
        repository = TransferRepository(session)
        candidates = await repository.candidates(account.user_id, since, excluded=account.id)
        if not candidates:
            return 0
        amounts = {-other.amount for other in candidates}
        rows = await repository.unlinked_since(account.id, since, amounts)
        return await self._match(session, keys, account.user_id, rows, candidates, actor)

    async def _match(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        rows: Sequence[Transaction],
        candidates: Sequence[Transaction],
        actor: Actor,
    ) -> int:
        """Each row is linked with the nearest-dated unlinked candidate of another account
        with the opposite amount in the same currency within three days, when one of the two
        names the other's account."""
        own = await self._own_accounts(session, keys, user_id) if rows else {}
        if not own:
            return 0  # no transaction can name an account of theirs
        by_amount: dict[tuple[str, int], list[Transaction]] = defaultdict(list)
        for other in candidates:
            by_amount[(other.currency, other.amount)].append(other)
        linked = 0
        for row in rows:
            if row.transfer_id is not None:
                continue  # linked as the other side of an earlier one
            opposites = [
                other
                for other in by_amount.get((row.currency, -row.amount), ())
                if other.account_id != row.account_id
                and other.transfer_id is None
                and abs((other.booked_on - row.booked_on).days) <= WINDOW.days
            ]
            if not opposites:
                continue
            named = self._names(keys, row, own)
            for other in sorted(opposites, key=lambda o: abs((o.booked_on - row.booked_on).days)):
                if named == other.account_id or self._names(keys, other, own) == row.account_id:
                    await self._link(session, keys, user_id, [row, other], uuid.uuid4(), actor)
                    linked += 1
                    break
        return linked

    async def _link(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        rows: Sequence[Transaction],
        transfer_id: uuid.UUID | None,
        actor: Actor,
    ) -> None:
        changes = [
            Change(row.id, {"transfer_id": row.transfer_id}, {"transfer_id": transfer_id})
            for row in rows
        ]
        await history_service.record(session, keys, user_id, VersionKind.transfer, actor, changes)
        await TransferRepository(session).link(rows, transfer_id)

    def _read(self, transfer_id: uuid.UUID, rows: Iterable[Transaction]) -> Transfer:
        ordered = sorted(rows, key=lambda row: row.amount)
        return Transfer(id=transfer_id, transaction_ids=[row.id for row in ordered])

    async def link(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        transaction_ids: list[uuid.UUID],
        actor: Actor,
    ) -> Transfer:
        """Link two transactions by hand: money out of one account, into another."""
        repository = TransferRepository(session)
        rows = [
            await repository.get_or_raise(
                user.id, row_id, TransferTransactionNotFound("No such transaction.")
            )
            for row_id in dict.fromkeys(transaction_ids)
        ]
        if len(rows) != 2 or rows[0].account_id == rows[1].account_id:
            raise NotATransfer("A transfer joins two transactions of two different accounts.")
        if any(row.transfer_id is not None for row in rows):
            raise AlreadyATransfer("One of these transactions is already part of a transfer.")
        out, into = sorted(rows, key=lambda row: row.amount)
        same_currency = out.currency == into.currency
        if not (out.amount < 0 < into.amount) or (same_currency and out.amount != -into.amount):
            raise NotATransfer(
                "A transfer is money out of one account and the same money into the other."
            )
        transfer_id = uuid.uuid4()
        await self._link(session, keys, user.id, rows, transfer_id, actor)
        return self._read(transfer_id, rows)

    async def unlink(
        self, session: AsyncSession, keys: Keys, user: User, transfer_id: uuid.UUID, actor: Actor
    ) -> None:
        """The two transactions count as income and expense again."""
        rows = await TransferRepository(session).sides(user.id, transfer_id)
        if not rows:
            raise TransferNotFound("No such transfer.")
        await self._link(session, keys, user.id, rows, None, actor)

    async def cash_withdrawal(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        transaction_id: uuid.UUID,
        cash_account_id: uuid.UUID,
        actor: Actor,
    ) -> Transfer:
        """Record where a withdrawal went: the same money into a cash account, linked."""
        withdrawal = await TransferRepository(session).get_or_raise(
            user.id, transaction_id, TransferTransactionNotFound("No such transaction.")
        )
        cash = await account_service.get(session, user, cash_account_id)
        if cash.kind != AccountKind.cash or cash.currency != withdrawal.currency:
            raise NotATransfer(f"The withdrawal goes into a cash account in {withdrawal.currency}.")
        if withdrawal.amount >= 0:
            raise NotATransfer("A withdrawal is money out of the account.")
        created = await transaction_service.create(
            session,
            keys,
            user,
            TransactionCreate(
                account_id=cash.id,
                amount=to_text(-withdrawal.amount, withdrawal.currency),
                booked_on=withdrawal.booked_on,
                description="Cash withdrawal",
            ),
            actor,
        )
        return await self.link(session, keys, user, [withdrawal.id, created["id"]], actor)


transfer_service = TransferService()

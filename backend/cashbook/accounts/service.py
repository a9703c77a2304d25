"""Accounts: a person's bank accounts, cards, cash and savings, with their balances."""

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.repository import AccountRepository
from cashbook.accounts.schemas import AccountCreate, AccountRead, AccountUpdate
from cashbook.balances.schemas import Reconciliation
from cashbook.balances.service import balance_service
from cashbook.kit.encryption import Context, Keys
from cashbook.kit.errors import Conflict, LimitReached, NotFound
from cashbook.kit.money import to_minor, to_text
from cashbook.models import Account, User

# Far more than anyone keeps; reports hold a series per account.
MAX_ACCOUNTS = 200


class AccountNotFound(NotFound):
    code = "ACCOUNT_NOT_FOUND"


class AccountHasTransactions(Conflict):
    code = "ACCOUNT_HAS_TRANSACTIONS"


class AccountCurrencyLocked(Conflict):
    code = "ACCOUNT_CURRENCY_LOCKED"


def iban_context(account_id: uuid.UUID, user_id: uuid.UUID) -> Context:
    return Account.field_context("iban", account_id, user_id)


def number_context(account_id: uuid.UUID, user_id: uuid.UUID) -> Context:
    return Account.field_context("number", account_id, user_id)


class AccountService:
    def read(
        self,
        keys: Keys,
        account: Account,
        transactions_sum: int,
        reconciliation: Reconciliation | None = None,
    ) -> AccountRead:
        iban = keys.cipher.decrypt(account.iban, iban_context(account.id, account.user_id))
        return AccountRead(
            id=account.id,
            name=account.name,
            kind=account.kind,
            currency=account.currency,
            iban=iban,
            number=keys.cipher.decrypt(account.number, number_context(account.id, account.user_id)),
            opening_balance=to_text(account.opening_balance, account.currency),
            balance=to_text(account.opening_balance + transactions_sum, account.currency),
            archived=account.archived,
            reconciliation=reconciliation,
            created_at=account.created_at,
            updated_at=account.updated_at,
        )

    async def get(self, session: AsyncSession, user: User, account_id: uuid.UUID) -> Account:
        error = AccountNotFound("No such account.")
        return await AccountRepository(session).get_or_raise(user.id, account_id, error)

    async def list(self, session: AsyncSession, keys: Keys, user: User) -> list[AccountRead]:
        repository = AccountRepository(session)
        sums = await repository.sums(user.id)
        accounts: Sequence[Account] = await repository.list(user.id, Account.archived, Account.name)
        states = await balance_service.reconciliations(
            session, user.id, {account.id: account for account in accounts}
        )
        return [
            self.read(keys, account, sums.get(account.id, 0), states.get(account.id))
            for account in accounts
        ]

    async def read_one(
        self, session: AsyncSession, keys: Keys, user: User, account_id: uuid.UUID
    ) -> AccountRead:
        account = await self.get(session, user, account_id)
        sums = await AccountRepository(session).sums(user.id)
        states = await balance_service.reconciliations(session, user.id, {account.id: account})
        return self.read(keys, account, sums.get(account.id, 0), states.get(account.id))

    def _encrypted_iban(self, keys: Keys, account: Account, iban: str | None) -> dict:
        return {
            "iban": keys.cipher.encrypt(iban, iban_context(account.id, account.user_id)),
            "iban_index": keys.index.iban(account.user_id, iban) if iban else None,
        }

    def _encrypted_number(self, keys: Keys, account: Account, number: str | None) -> dict:
        return {"number": keys.cipher.encrypt(number, number_context(account.id, account.user_id))}

    async def create(
        self, session: AsyncSession, keys: Keys, user: User, data: AccountCreate
    ) -> AccountRead:
        account = Account(
            id=uuid.uuid4(),
            user_id=user.id,
            name=data.name,
            kind=data.kind,
            currency=data.currency,
            opening_balance=to_minor(data.opening_balance, data.currency),
            archived=data.archived,
        )
        encrypted = {
            **self._encrypted_iban(keys, account, data.iban),
            **self._encrypted_number(keys, account, data.number),
        }
        for key, value in encrypted.items():
            setattr(account, key, value)
        limit = LimitReached(
            f"You have {MAX_ACCOUNTS} accounts, the most one person may have; "
            "delete one you no longer use first.",
            code="ACCOUNT_LIMIT_REACHED",
        )
        await AccountRepository(session).add_within(account, MAX_ACCOUNTS, limit)
        return self.read(keys, account, 0)

    async def update(
        self,
        session: AsyncSession,
        keys: Keys,
        user: User,
        account_id: uuid.UUID,
        changes: AccountUpdate,
    ) -> AccountRead:
        repository = AccountRepository(session)
        account = await self.get(session, user, account_id)
        values = changes.model_dump(
            exclude_unset=True, exclude={"iban", "number", "opening_balance"}
        )
        changes_currency = values.get("currency") not in (None, account.currency)
        if changes_currency and await repository.has_transactions(account.id):
            raise AccountCurrencyLocked(
                "The currency of an account with transactions cannot change."
            )
        currency = values.get("currency") or account.currency
        if "iban" in changes.model_fields_set:
            values.update(self._encrypted_iban(keys, account, changes.iban))
        if "number" in changes.model_fields_set:
            values.update(self._encrypted_number(keys, account, changes.number))
        if changes.opening_balance is not None:
            values["opening_balance"] = to_minor(changes.opening_balance, currency)
        await repository.update(account, values)
        return await self.read_one(session, keys, user, account.id)

    async def delete(
        self, session: AsyncSession, user: User, account_id: uuid.UUID, *, force: bool
    ) -> None:
        repository = AccountRepository(session)
        account = await self.get(session, user, account_id)
        if not force and await repository.has_transactions(account.id):
            raise AccountHasTransactions(
                "This account has transactions; delete with force=true to remove them too."
            )
        await repository.delete(account)


account_service = AccountService()

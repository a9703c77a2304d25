"""Balances stated outside the ledger (a bank's balance endpoint, a statement's closing
balance) checked against it.

A bank-connected account takes its balance from the bank at every sync: its opening balance
is derived so that opening + the transactions booked up to the bank's date = the bank's
balance (the move is kept in the check's `adjustment`). A statement's balance is only
compared: a difference is shown, never written into history.
"""

import uuid

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.balances.repository import BalanceCheckRepository
from cashbook.balances.schemas import Reconciliation
from cashbook.banking.provider import BankBalance
from cashbook.imports.records import StatedBalance
from cashbook.kit.money import minor_unit, to_minor, to_text
from cashbook.models import Account, BalanceCheck
from cashbook.models.balance_check import BalanceSource

log = structlog.get_logger(__name__)


class BalanceService:
    async def adopt_bank_balance(
        self, session: AsyncSession, account: Account, stated_balance: BankBalance
    ) -> BalanceCheck:
        """The bank's balance on `on` becomes the account's (called after each sync)."""
        repository = BalanceCheckRepository(session)
        on, booked_only = stated_balance.on, stated_balance.booked_only
        stated = to_minor(stated_balance.amount, account.currency)
        moved = await repository.moved_until(account.id, on, booked_only=booked_only)
        adjustment = stated - moved - account.opening_balance
        if adjustment:
            log.info("opening balance derived from the bank", account_id=str(account.id))
            account.opening_balance += adjustment
        check = await repository.of_day(account.id, on, BalanceSource.bank)
        if check is None:
            check = BalanceCheck(
                user_id=account.user_id,
                account_id=account.id,
                source=BalanceSource.bank,
                checked_on=on,
                adjustment=0,
            )
            session.add(check)
        check.stated, check.ledger, check.booked_only = stated, stated, booked_only
        check.adjustment += adjustment
        await session.flush()
        return check

    async def check_statement(
        self,
        session: AsyncSession,
        account: Account,
        closing: StatedBalance,
        import_id: uuid.UUID | None,
    ) -> BalanceCheck:
        """A statement's closing balance beside the ledger's that day; nothing else changes."""
        on = closing.on
        # A statement stating fractions of the minor unit is compared to the nearest one.
        stated = to_minor(closing.amount.quantize(minor_unit(account.currency)), account.currency)
        moved = await BalanceCheckRepository(session).moved_until(account.id, on, booked_only=True)
        check = BalanceCheck(
            user_id=account.user_id,
            account_id=account.id,
            import_id=import_id,
            source=BalanceSource.statement,
            checked_on=on,
            stated=stated,
            ledger=account.opening_balance + moved,
            booked_only=True,
            adjustment=0,
        )
        session.add(check)
        await session.flush()
        return check

    async def reconciliations(
        self, session: AsyncSession, user_id: uuid.UUID, accounts: dict[uuid.UUID, Account]
    ) -> dict[uuid.UUID, Reconciliation]:
        """Each checked account's state, against the ledger as it is now (a later import of
        the missing transactions turns "differs" into "matches")."""
        repository = BalanceCheckRepository(session)
        states = {}
        for check in await repository.latest(user_id):
            account = accounts.get(check.account_id)
            if account is None:
                continue
            moved = await repository.moved_until(
                account.id, check.checked_on, booked_only=check.booked_only
            )
            ledger = account.opening_balance + moved
            difference = ledger - check.stated
            states[account.id] = Reconciliation(
                state="differs" if difference else "matches",
                source=BalanceSource(check.source),
                checked_on=check.checked_on,
                stated=to_text(check.stated, account.currency),
                ledger=to_text(ledger, account.currency),
                difference=to_text(difference, account.currency),
            )
        return states


balance_service = BalanceService()

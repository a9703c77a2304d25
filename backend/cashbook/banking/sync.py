"""One sync of a bank connection, as a job on the `bank` queue.

It talks to the bank first and writes afterwards, so no database transaction stays open
during network calls. A rotated refresh token is stored the moment the bank hands it out, in
a unit of work of its own: the old one no longer works, whatever happens to the sync.

Each account is read from the day after its last booked transaction, minus an overlap (a
bank books late entries under earlier dates), or from its oldest pending payment; the
ingest makes the overlap harmless. A consent the bank no longer accepts marks the connection
`reauth_required` and sends one email; a bank that does not answer is retried later with
backoff; anything else is recorded and waits for the next scheduled sync.
"""

import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import structlog
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.repository import AccountRepository
from cashbook.accounts.service import iban_context
from cashbook.balances.service import balance_service
from cashbook.banking.provider import (
    AccessTokenRejected,
    AccountIdUnknown,
    BankAccount,
    BankBalance,
    BankError,
    BankProvider,
    BankUnavailable,
    ConsentInvalid,
)
from cashbook.banking.providers import provider_for
from cashbook.banking.repository import ConnectionRepository, LinkRepository, RunRepository
from cashbook.banking.service import CLAIM_STALE_AFTER, connection_context
from cashbook.config import Settings
from cashbook.history.service import Actor
from cashbook.kit import metrics
from cashbook.kit.db import session_scope
from cashbook.kit.encryption import Keys, keys_for
from cashbook.kit.errors import CashbookError
from cashbook.ledger.records import LedgerResult, StatementRecord
from cashbook.ledger.repository import LedgerRepository
from cashbook.ledger.service import ledger_service
from cashbook.models import Account, BankConnection, BankConnectionAccount, User
from cashbook.models.account import AccountKind
from cashbook.models.bank_connection import ConnectionStatus
from cashbook.models.bank_sync_run import SyncStatus
from cashbook.models.base import utcnow
from cashbook.models.transaction import TransactionSource
from cashbook.models.transaction_version import ActorKind
from cashbook.notifications import messages
from cashbook.notifications.service import MailService
from cashbook.transfers.service import transfer_service
from cashbook.worker.jobs import JobContext, TransientError

log = structlog.get_logger(__name__)

NON_SCA_DAYS = 90  # the bank's limit without a fresh strong authentication
FRESH_CONSENT = timedelta(minutes=10)
TOKEN_MARGIN = timedelta(seconds=60)


@dataclass
class _Fetched:
    account: BankAccount
    link: BankConnectionAccount | None
    since: date
    records: list[StatementRecord] = field(default_factory=list)
    balance: BankBalance | None = None


class _Session:
    """The bank side of one sync: tokens (refreshed and stored as needed) and the calls."""

    def __init__(
        self, ctx: JobContext, keys: Keys, connection: BankConnection, provider: BankProvider
    ) -> None:
        self.ctx = ctx
        self.keys = keys
        self.connection = connection
        self.provider = provider
        self.access = keys.cipher.decrypt(
            connection.access_token, connection_context("access_token", connection)
        )
        self.refresh_token = keys.cipher.decrypt(
            connection.refresh_token, connection_context("refresh_token", connection)
        )
        self.expires_at = connection.access_expires_at

    async def token(self, *, force: bool = False) -> str:
        if (
            not force
            and self.access
            and self.expires_at
            and self.expires_at > utcnow() + TOKEN_MARGIN
        ):
            return self.access
        if not self.refresh_token:
            raise ConsentInvalid("no refresh token is stored", "NO_REFRESH_TOKEN")
        tokens = await self.provider.refresh(self.refresh_token)
        self.access, self.expires_at = tokens.access_token, tokens.expires_at
        self.refresh_token = tokens.refresh_token or self.refresh_token
        values = {
            "access_token": self.keys.cipher.encrypt(
                self.access, connection_context("access_token", self.connection)
            ),
            "refresh_token": self.keys.cipher.encrypt(
                self.refresh_token, connection_context("refresh_token", self.connection)
            ),
            "access_expires_at": self.expires_at,
        }
        async with session_scope(self.ctx.sessionmaker) as session:
            await ConnectionRepository(session).save_tokens(self.connection.id, values)
        log.info("bank tokens refreshed", connection_id=str(self.connection.id))
        return self.access

    async def call(self, operation):
        """Run `operation(token)`; a refused access token is refreshed once."""
        try:
            return await operation(await self.token())
        except AccessTokenRejected:
            return await operation(await self.token(force=True))


class SyncService:
    async def run(self, ctx: JobContext, connection_id: uuid.UUID, run_id: uuid.UUID) -> None:
        started = time.monotonic()
        now = utcnow()
        async with session_scope(ctx.sessionmaker) as claim_session:
            run = await RunRepository(claim_session).get(run_id)
            connection = await claim_session.get(BankConnection, connection_id)
            if (
                run is None
                or connection is None
                or run.status not in (SyncStatus.queued, SyncStatus.retrying)
            ):
                return  # deleted meanwhile, or done already (a redelivered message)
            claimed = connection.status == ConnectionStatus.active and await ConnectionRepository(
                claim_session
            ).claim(connection_id, now, now - CLAIM_STALE_AFTER)
            run.attempts += 1
            run.started_at = run.started_at or now
            if claimed:
                run.status = SyncStatus.running
            else:
                run.status = (
                    SyncStatus.skipped
                    if connection.status == ConnectionStatus.active
                    else SyncStatus.reauth_required
                    if connection.status == ConnectionStatus.reauth_required
                    else SyncStatus.failed
                )
                run.finished_at = now
        if not claimed:
            return
        keys = keys_for(ctx.settings)
        session = ctx.session
        connection = await session.get(BankConnection, connection_id)
        try:
            provider = provider_for(ctx.settings, connection.provider)
        except CashbookError as problem:  # the bank is no longer configured here
            refused = BankError(problem.reason, problem.code)
            await self._record_failure(ctx, connection_id, run_id, refused, started, retry=False)
            return
        try:
            fetched = await self._fetch(session, keys, ctx, connection, provider)
            totals = await self._store(session, keys, connection, fetched)
        except IntegrityError:
            # An import into the same account stored some of these entries a moment ago.
            await session.rollback()
            concurrent = BankUnavailable("the same entries were stored meanwhile", "CONCURRENT")
            await self._record_failure(ctx, connection_id, run_id, concurrent, started, retry=True)
            raise TransientError("entries were stored concurrently; the sync runs again") from None
        except ConsentInvalid as problem:
            await session.rollback()
            await self._reauth_required(ctx, keys, connection_id, run_id, problem, started)
            return
        except BankUnavailable as problem:
            await session.rollback()
            await self._record_failure(ctx, connection_id, run_id, problem, started, retry=True)
            raise TransientError(f"the bank is unavailable ({problem.code})") from None
        except BankError as problem:
            await session.rollback()
            await self._record_failure(ctx, connection_id, run_id, problem, started, retry=False)
            return
        finally:
            await provider.aclose()
        await self._succeeded(session, connection, run_id, totals, started)

    async def _fetch(
        self,
        session: AsyncSession,
        keys: Keys,
        ctx: JobContext,
        connection: BankConnection,
        provider: BankProvider,
    ) -> list[_Fetched]:
        bank = _Session(ctx, keys, connection, provider)
        accounts = await bank.call(provider.list_accounts)
        links = {
            bytes(link.iban_index): link for link in await LinkRepository(session).of(connection.id)
        }
        today = datetime.now(UTC).date()
        fetched = []
        for account in accounts:
            link = links.get(keys.index.iban(connection.user_id, account.iban))
            since = await self._since(session, ctx.settings, connection, link, today)
            item = _Fetched(account, link, since)
            item.records = await self._transactions(bank, provider, item, today)
            item.balance = await bank.call(lambda token, a=item.account: provider.balance(token, a))
            fetched.append(item)
        return fetched

    async def _since(
        self,
        session: AsyncSession,
        settings: Settings,
        connection: BankConnection,
        link: BankConnectionAccount | None,
        today: date,
    ) -> date:
        if link is None or link.last_booked_on is None:
            fresh = connection.consented_at and utcnow() - connection.consented_at < FRESH_CONSENT
            days = settings.bank_history_days if fresh else NON_SCA_DAYS
            return today - timedelta(days=days - 1)
        since = link.last_booked_on - timedelta(days=settings.bank_sync_overlap_days)
        oldest_pending = await LedgerRepository(session).oldest_pending(link.account_id)
        if oldest_pending is not None:
            since = min(since, oldest_pending)
        # Never before what the bank serves without strong authentication.
        return max(since, today - timedelta(days=NON_SCA_DAYS - 1))

    async def _transactions(
        self, bank: _Session, provider: BankProvider, item: _Fetched, today: date
    ) -> list[StatementRecord]:
        for attempt in range(2):
            try:

                async def read(token: str) -> list[StatementRecord]:
                    records = []
                    async for page in provider.transactions(token, item.account, item.since, today):
                        records += page.records
                    return records

                return await bank.call(read)
            except AccountIdUnknown:
                if attempt:
                    raise
                # The bank's account ids change daily: look the account up again by IBAN.
                current = {a.iban: a for a in await bank.call(provider.list_accounts)}
                if item.account.iban not in current:
                    raise
                item.account = current[item.account.iban]
        raise AssertionError("unreachable")

    async def _account(
        self, session: AsyncSession, keys: Keys, connection: BankConnection, item: _Fetched
    ) -> tuple[Account, BankConnectionAccount]:
        links = LinkRepository(session)
        if item.link is not None:
            account = await session.get(Account, item.link.account_id)
            if account is not None:
                return account, item.link
        iban_index = keys.index.iban(connection.user_id, item.account.iban)
        account = await links.account_by_iban(connection.user_id, iban_index)
        if account is None:
            account = Account(
                id=uuid.uuid4(),
                user_id=connection.user_id,
                name=item.account.name[:100],
                kind=AccountKind.bank,
                currency=item.account.currency,
                iban_index=iban_index,
                opening_balance=0,
            )
            account.iban = keys.cipher.encrypt(
                item.account.iban, iban_context(account.id, account.user_id)
            )
            await AccountRepository(session).add(account)
        link = await links.add(
            BankConnectionAccount(
                id=uuid.uuid4(),
                connection_id=connection.id,
                account_id=account.id,
                iban_index=iban_index,
            )
        )
        return account, link

    async def _store(
        self, session: AsyncSession, keys: Keys, connection: BankConnection, fetched: list[_Fetched]
    ) -> LedgerResult:
        totals = LedgerResult()
        now = utcnow()
        for item in fetched:
            account, link = await self._account(session, keys, connection, item)
            result = await ledger_service.ingest(
                session,
                keys,
                account,
                item.records,
                source=TransactionSource.bank,
                connection_id=connection.id,
                update_existing=True,
            )
            result.removed = await ledger_service.remove_vanished_pending(
                session, keys, account, connection.id, item.since, result.seen
            )
            if result.last_booked_on and (
                link.last_booked_on is None or result.last_booked_on > link.last_booked_on
            ):
                link.last_booked_on = result.last_booked_on
            link.last_synced_at = now
            if item.balance is not None:
                await balance_service.adopt_bank_balance(session, account, item.balance)
            actor = Actor(ActorKind.bank, connection.id)
            await transfer_service.match_account(session, keys, account, item.since, actor)
            totals.add(result)
        await session.flush()
        return totals

    async def _succeeded(
        self,
        session: AsyncSession,
        connection: BankConnection,
        run_id: uuid.UUID,
        totals: LedgerResult,
        started: float,
    ) -> None:
        now = utcnow()
        run = await RunRepository(session).get(run_id)
        if run is not None:
            run.status, run.finished_at = SyncStatus.succeeded, now
            run.fetched, run.created, run.updated = totals.fetched, totals.created, totals.updated
            run.skipped, run.removed = totals.skipped, totals.removed
            run.duration_ms = round((time.monotonic() - started) * 1000)
            run.error_code = run.error = None
        connection.last_sync_at = connection.last_success_at = now
        connection.next_sync_at = now + timedelta(seconds=connection.sync_interval_seconds)
        connection.last_error_code = connection.last_error = None
        connection.sync_claimed_at = None
        await session.flush()
        _observe(connection.provider, "success", started, created=totals.created)
        log.info(
            "bank sync finished",
            connection_id=str(connection.id),
            fetched=totals.fetched,
            created=totals.created,
            updated=totals.updated,
        )

    async def _reauth_required(
        self,
        ctx: JobContext,
        keys: Keys,
        connection_id: uuid.UUID,
        run_id: uuid.UUID,
        problem: BankError,
        started: float,
    ) -> None:
        """The consent is gone: no more syncs until the person authorises again, and one
        email to say so (never one per attempt)."""
        session = ctx.session
        connection = await session.get(BankConnection, connection_id)
        run = await RunRepository(session).get(run_id)
        now = utcnow()
        if connection is None:
            return
        connection.status = ConnectionStatus.reauth_required
        connection.access_token = connection.refresh_token = None
        connection.access_expires_at = connection.next_sync_at = None
        connection.last_sync_at = now
        connection.last_error_code = problem.code[:50]
        connection.last_error = "The bank no longer accepts this connection; authorise it again."
        connection.sync_claimed_at = None
        if run is not None:
            run.status, run.finished_at = SyncStatus.reauth_required, now
            run.error_code, run.error = problem.code[:50], connection.last_error
            run.duration_ms = round((time.monotonic() - started) * 1000)
        _observe(connection.provider, "failure", started)
        if connection.reauth_notified_at is None:
            connection.reauth_notified_at = now
            user = await session.get(User, connection.user_id)
            if user is not None:
                link = f"{ctx.settings.web_url}/accounts?reconnect={connection.id}"
                message = messages.bank_reauth_needed(
                    user.email, user.first_name, "Česká spořitelna", link, user.id, user.language
                )
                await MailService(ctx.settings, session).send(message)
        await session.flush()
        log.info("bank connection needs re-authorisation", connection_id=str(connection_id))

    async def _record_failure(
        self,
        ctx: JobContext,
        connection_id: uuid.UUID,
        run_id: uuid.UUID,
        problem: BankError,
        started: float,
        *,
        retry: bool,
    ) -> None:
        """In a unit of work of its own: a retried job's own session rolls back."""
        now = utcnow()
        async with session_scope(ctx.sessionmaker) as session:
            connection = await session.get(BankConnection, connection_id)
            run = await RunRepository(session).get(run_id)
            if connection is not None:
                connection.last_sync_at = now
                connection.last_error_code = problem.code[:50]
                connection.last_error = (
                    "The bank did not answer; Cashbook tries again shortly."
                    if retry
                    else f"The bank refused the sync: {problem.message}"[:500]
                )
                connection.sync_claimed_at = None
                if not retry:
                    connection.next_sync_at = now + timedelta(
                        seconds=connection.sync_interval_seconds
                    )
            if run is not None:
                run.status = SyncStatus.retrying if retry else SyncStatus.failed
                run.error_code, run.error = problem.code[:50], problem.message[:500]
                run.duration_ms = round((time.monotonic() - started) * 1000)
                if not retry:
                    run.finished_at = now
            if connection is not None:
                _observe(connection.provider, "failure", started)
        log.warning(
            "bank sync failed", connection_id=str(connection_id), code=problem.code, retry=retry
        )

    async def give_up(self, ctx: JobContext, connection_id: str, run_id: str) -> None:
        """The job failed for good (its retries ran out, or a bug)."""
        now = utcnow()
        connection = await ctx.session.get(BankConnection, uuid.UUID(connection_id))
        run = await RunRepository(ctx.session).get(uuid.UUID(run_id))
        if run is not None and run.status in (
            SyncStatus.queued,
            SyncStatus.running,
            SyncStatus.retrying,
        ):
            run.status, run.finished_at = SyncStatus.failed, now
            run.error_code = run.error_code or "SYNC_FAILED"
            run.error = run.error or "The sync stopped unexpectedly."
        if connection is not None:
            connection.sync_claimed_at = None
            if connection.status == ConnectionStatus.active:
                connection.next_sync_at = now + timedelta(seconds=connection.sync_interval_seconds)
        await ctx.session.flush()


sync_service = SyncService()


def _observe(provider: str, outcome: str, started: float, *, created: int = 0) -> None:
    """One finished sync attempt in the metrics (labels: provider and outcome only)."""
    metrics.BANK_SYNCS.labels(provider, outcome).inc()
    metrics.BANK_SYNC_DURATION.labels(provider).observe(time.monotonic() - started)
    if created:
        metrics.BANK_SYNC_TRANSACTIONS.labels(provider).inc(created)

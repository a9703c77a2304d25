"""Bank connections: start the authorisation at the bank, finish it in the callback, list,
sync on request, delete. The sync itself is `banking/sync.py`."""

import hmac
import secrets
import uuid
from datetime import timedelta
from urllib.parse import urlencode

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.service import iban_context
from cashbook.banking.provider import BankError, Pkce
from cashbook.banking.providers import PROVIDERS, is_available, provider_for
from cashbook.banking.repository import ConnectionRepository, LinkRepository, RunRepository
from cashbook.banking.schemas import (
    BankConnectionRead,
    BankProviderRead,
    ConnectedAccount,
    ConnectionProblem,
    SyncRunRead,
)
from cashbook.config import Settings
from cashbook.kit.encryption import Context, Keys
from cashbook.kit.errors import Conflict, NotFound
from cashbook.models import BankConnection, BankSyncRun, User
from cashbook.models.bank_connection import ConnectionStatus
from cashbook.models.bank_sync_run import SyncStatus, SyncTrigger
from cashbook.models.base import utcnow
from cashbook.worker.jobs import JobContext, enqueue_job

log = structlog.get_logger(__name__)

SYNC_JOB = "banking.sync_connection"
FLOW_LIFETIME = timedelta(minutes=15)
# A sync that has said nothing for this long died with its worker; another may start.
CLAIM_STALE_AFTER = timedelta(minutes=30)
STATE_SCOPE = uuid.UUID(int=0)  # the callback knows no user yet: states share one scope
FLOW_COOKIE = "cashbook_bank_flow"


class ConnectionNotFound(NotFound):
    code = "BANK_CONNECTION_NOT_FOUND"


class ReauthRequired(Conflict):
    code = "BANK_REAUTH_REQUIRED"


class ConnectionNotActive(Conflict):
    code = "BANK_CONNECTION_NOT_ACTIVE"


def connection_context(column: str, connection: BankConnection) -> Context:
    return BankConnection.field_context(column, connection.id, connection.user_id)


def state_index(keys: Keys, state: str) -> bytes:
    return keys.index.digest("bank-oauth-state", STATE_SCOPE, state)


def redirect_uri(settings: Settings) -> str:
    return f"{settings.public_url}/bank/callback"


def _web(settings: Settings, **query: str) -> str:
    return f"{settings.web_url}/accounts?{urlencode(query)}"


class ConnectionService:
    def providers(self, settings: Settings) -> list[BankProviderRead]:
        return [
            BankProviderRead(
                name=name,
                display_name=display,
                available=is_available(settings, name),
                demo=settings.fake_bank_enabled,
            )
            for name, (display, _config) in PROVIDERS.items()
        ]

    async def get(self, session: AsyncSession, user: User, connection_id: uuid.UUID):
        return await ConnectionRepository(session).get_or_raise(
            user.id, connection_id, ConnectionNotFound("No such bank connection.")
        )

    async def start(
        self,
        session: AsyncSession,
        keys: Keys,
        settings: Settings,
        user: User,
        provider_name: str,
        connection: BankConnection | None = None,
    ) -> tuple[BankConnection, str, str]:
        """A connection waiting for the person's consent (a new one, or one to re-authorise),
        the bank's authorisation URL, and the state to keep in the browser's cookie."""
        provider = provider_for(settings, provider_name)
        try:
            state, pkce = secrets.token_urlsafe(32), Pkce.new()
            if connection is None:
                connection = BankConnection(
                    id=uuid.uuid4(),
                    user_id=user.id,
                    provider=provider_name,
                    status=ConnectionStatus.pending,
                    sync_interval_seconds=settings.bank_sync_interval_seconds,
                )
                await ConnectionRepository(session).add(connection)
            connection.state_index = state_index(keys, state)
            connection.code_verifier = keys.cipher.encrypt(
                pkce.verifier, connection_context("code_verifier", connection)
            )
            connection.flow_expires_at = utcnow() + FLOW_LIFETIME
            await session.flush()
            url = provider.authorization_url(
                state=state, pkce=pkce, redirect_uri=redirect_uri(settings)
            )
        finally:
            await provider.aclose()
        return connection, url, state

    async def reauthorize(
        self, session: AsyncSession, keys: Keys, settings: Settings, user: User, connection_id
    ) -> tuple[BankConnection, str, str]:
        connection = await self.get(session, user, connection_id)
        return await self.start(session, keys, settings, user, connection.provider, connection)

    async def callback(
        self,
        session: AsyncSession,
        keys: Keys,
        settings: Settings,
        *,
        state: str | None,
        code: str | None,
        error: str | None,
        cookie_state: str | None,
    ) -> str:
        """Finish the authorisation; the web app's address to send the browser to."""
        connection = await ConnectionRepository(session).by_state(state_index(keys, state or ""))
        if connection is None or not state:
            return _web(settings, bank_error="BANK_FLOW_UNKNOWN")
        verifier = keys.cipher.decrypt(
            connection.code_verifier, connection_context("code_verifier", connection)
        )
        expired = connection.flow_expires_at is None or connection.flow_expires_at < utcnow()
        # A state works once, whatever the outcome.
        connection.state_index = connection.code_verifier = connection.flow_expires_at = None
        if not cookie_state or not hmac.compare_digest(cookie_state, state):
            # Consent given in another browser than the one that asked (a link sent to
            # someone else): never attach it to the account that asked.
            log.warning("bank callback from another browser", connection_id=str(connection.id))
            failed: str | None = "BANK_FLOW_OTHER_BROWSER"
        else:
            failed = error or ("BANK_FLOW_EXPIRED" if expired else None)
            failed = failed or (None if code else "BANK_NO_CODE")
        if failed is None:
            provider = provider_for(settings, connection.provider)
            try:
                tokens = await provider.exchange_code(
                    code=code or "", verifier=verifier or "", redirect_uri=redirect_uri(settings)
                )
            except BankError as problem:
                failed = problem.code
            finally:
                await provider.aclose()
        if failed is not None:
            if connection.status == ConnectionStatus.pending:
                connection.status = ConnectionStatus.failed
            connection.last_error_code = str(failed)[:50]
            connection.last_error = "The authorisation at the bank did not complete."
            await session.flush()
            return _web(settings, bank_error=str(failed)[:50], connection=str(connection.id))
        now = utcnow()
        self._store_tokens(keys, connection, tokens.access_token, tokens.refresh_token)
        connection.access_expires_at = tokens.expires_at
        connection.consented_at = now
        connection.status = ConnectionStatus.active
        connection.next_sync_at = now
        connection.reauth_notified_at = None
        connection.last_error_code = connection.last_error = None
        await session.flush()
        await self.enqueue_sync(session, connection, SyncTrigger.connect)
        return _web(settings, bank="connected", connection=str(connection.id))

    def _store_tokens(
        self, keys: Keys, connection: BankConnection, access: str, refresh: str | None
    ) -> None:
        connection.access_token = keys.cipher.encrypt(
            access, connection_context("access_token", connection)
        )
        if refresh is not None:
            connection.refresh_token = keys.cipher.encrypt(
                refresh, connection_context("refresh_token", connection)
            )

    async def enqueue_sync(
        self, session: AsyncSession, connection: BankConnection, trigger: SyncTrigger
    ) -> BankSyncRun:
        """A sync run for the connection; the one already waiting, if there is one."""
        runs = RunRepository(session)
        waiting = await runs.waiting(connection.id)
        if waiting is not None and waiting.queued_at > utcnow() - CLAIM_STALE_AFTER:
            return waiting
        if waiting is not None:  # its job was lost (a broker that was down)
            waiting.status, waiting.error_code = SyncStatus.failed, "LOST"
            waiting.finished_at = utcnow()
        run = await runs.add(
            BankSyncRun(id=uuid.uuid4(), connection_id=connection.id, trigger=trigger)
        )
        enqueue_job(session, SYNC_JOB, str(connection.id), str(run.id))
        return run

    async def request_sync(
        self, session: AsyncSession, user: User, connection_id: uuid.UUID
    ) -> BankSyncRun:
        connection = await self.get(session, user, connection_id)
        if connection.status == ConnectionStatus.reauth_required:
            raise ReauthRequired(
                "The bank no longer accepts this connection's consent; re-authorise it first."
            )
        if connection.status != ConnectionStatus.active:
            raise ConnectionNotActive("This connection has not been authorised at the bank.")
        return await self.enqueue_sync(session, connection, SyncTrigger.manual)

    async def enqueue_due(self, ctx: JobContext) -> str:
        """The `bank-sync` cron job: a sync for every active connection that is due."""
        now = utcnow()
        due = await ConnectionRepository(ctx.session).due(now, now - CLAIM_STALE_AFTER)
        for connection in due:
            await self.enqueue_sync(ctx.session, connection, SyncTrigger.schedule)
        return f"enqueued {len(due)} connection(s)"

    async def runs(
        self, session: AsyncSession, user: User, connection_id: uuid.UUID, limit: int
    ) -> list[SyncRunRead]:
        connection = await self.get(session, user, connection_id)
        return [
            SyncRunRead.model_validate(run)
            for run in await RunRepository(session).of(connection.id, limit)
        ]

    async def all_for(
        self, session: AsyncSession, keys: Keys, user: User, only: uuid.UUID | None = None
    ) -> list[BankConnectionRead]:
        repository = ConnectionRepository(session)
        if only is not None:
            connections = [await self.get(session, user, only)]
        else:
            connections = list(await repository.list(user.id, BankConnection.created_at))
        ids = [c.id for c in connections]
        links = await LinkRepository(session).with_accounts(ids)
        latest = await RunRepository(session).latest(ids)
        result = []
        for connection in connections:
            accounts = [
                ConnectedAccount(
                    account_id=account.id,
                    name=account.name,
                    currency=account.currency,
                    iban=keys.cipher.decrypt(
                        account.iban, iban_context(account.id, account.user_id)
                    ),
                    last_booked_on=link.last_booked_on,
                    last_synced_at=link.last_synced_at,
                )
                for link, account in links
                if link.connection_id == connection.id
            ]
            problem = (
                ConnectionProblem(
                    code=connection.last_error_code, reason=connection.last_error or ""
                )
                if connection.last_error_code
                else None
            )
            last = latest.get(connection.id)
            result.append(
                BankConnectionRead(
                    id=connection.id,
                    provider=connection.provider,
                    status=connection.status,
                    created_at=connection.created_at,
                    consented_at=connection.consented_at,
                    accounts=accounts,
                    last_sync=SyncRunRead.model_validate(last) if last else None,
                    last_success_at=connection.last_success_at,
                    last_error=problem,
                    next_sync_at=connection.next_sync_at,
                    sync_interval_seconds=connection.sync_interval_seconds,
                )
            )
        return result

    async def delete(
        self, session: AsyncSession, keys: Keys, settings: Settings, user: User, connection_id
    ) -> None:
        """End the consent at the bank (as far as it answers) and forget the tokens. The
        transactions the connection brought stay in their accounts."""
        connection = await self.get(session, user, connection_id)
        refresh = keys.cipher.decrypt(
            connection.refresh_token, connection_context("refresh_token", connection)
        )
        if refresh and is_available(settings, connection.provider):
            provider = provider_for(settings, connection.provider)
            try:
                await provider.revoke(refresh)
            except BankError as problem:
                log.warning("the bank did not confirm the revocation", code=problem.code)
            finally:
                await provider.aclose()
        await ConnectionRepository(session).delete(connection)


connection_service = ConnectionService()

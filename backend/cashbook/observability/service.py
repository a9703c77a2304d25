"""What `/metrics` does besides rendering: the token check, and the gauges that describe the
database's state (read at scrape time, so they are as fresh as the scrape)."""

import hmac
import math
from datetime import timedelta

import structlog
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.banking.providers import PROVIDERS
from cashbook.banking.repository import ConnectionRepository
from cashbook.config import Settings
from cashbook.kit.errors import CashbookError
from cashbook.kit.metrics import (
    BANK_CONSENTS_EXPIRING,
    OUTBOX_BACKLOG,
    OUTBOX_OLDEST_AGE,
    RATE_SNAPSHOT_AGE,
)
from cashbook.models.base import utcnow
from cashbook.notifications.repository import OutboxRepository
from cashbook.rates.repository import RateRepository

log = structlog.get_logger(__name__)


class MetricsTokenInvalid(CashbookError):
    status_code = 401
    code = "METRICS_TOKEN_INVALID"


class ObservabilityService:
    def check_token(self, settings: Settings, presented: str | None) -> None:
        expected = settings.metrics_token.get_secret_value()
        if not expected:
            return
        # Constant-time comparison: the time taken says nothing about how much matched.
        if presented is None or not hmac.compare_digest(presented.encode(), expected.encode()):
            raise MetricsTokenInvalid(
                "The metrics need a token (Authorization: Bearer <METRICS_TOKEN>).",
                headers={"WWW-Authenticate": "Bearer"},
            )

    async def refresh_gauges(self, session: AsyncSession, settings: Settings) -> None:
        """Set the gauges read from the database. A failure leaves them as they were: the
        rest of the metrics are still worth a scrape."""
        now = utcnow()
        consent_window = timedelta(
            days=settings.bank_consent_days - settings.bank_consent_warning_days
        )
        try:
            waiting, oldest = await OutboxRepository(session).backlog()
            fetched_at = await RateRepository(session).last_fetched_at()
            expiring = await ConnectionRepository(session).consents_given_before(
                now - consent_window
            )
        except SQLAlchemyError as error:
            log.warning("metrics gauges not refreshed", error=type(error).__name__)
            return
        for provider in PROVIDERS:
            BANK_CONSENTS_EXPIRING.labels(provider).set(expiring.get(provider, 0))
        OUTBOX_BACKLOG.set(waiting)
        OUTBOX_OLDEST_AGE.set((now - oldest).total_seconds() if oldest is not None else 0)
        # No snapshot yet (no UNIRATE_API_KEY, or a new installation): not a number, so the
        # stale-rates alert stays silent instead of firing for ever.
        RATE_SNAPSHOT_AGE.set(
            (now - fetched_at).total_seconds() if fetched_at is not None else math.nan
        )


observability_service = ObservabilityService()

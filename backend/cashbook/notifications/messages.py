"""The emails Cashbook sends. Each function names a template and the values it needs; the
worker renders and sends it in the reader's language (`templates/<language>/<name>.txt.j2` and
`.html.j2`)."""

import uuid
from dataclasses import dataclass, field
from typing import Any

from cashbook.kit.language import DEFAULT_LANGUAGE, Language

SUBJECTS: dict[Language, dict[str, str]] = {
    "en": {
        "verify-email": "Confirm your email for Cashbook",
        "reset-password": "Reset your Cashbook password",
        "security-notice": "Cashbook security notice: {{ event }}",
        "bank-reauth-needed": "Reconnect {{ bank_name }} to keep your transactions coming",
        "import-finished": "Your import of {{ file_name }} is finished",
        "data-export-ready": "Your Cashbook data export is ready",
        "alert": "Cashbook: {{ title }}",
        "goal-invitation": "{{ owner }} shares the goal {{ goal }} with you",
        "monthly-summary": "Your Cashbook summary of {{ month }}",
    },
    "cs": {
        "verify-email": "Potvrďte svůj e-mail pro Cashbook",
        "reset-password": "Obnovení hesla do Cashbooku",
        "security-notice": "Bezpečnostní upozornění Cashbooku: {{ event }}",
        "bank-reauth-needed": "Znovu připojte {{ bank_name }}, ať vám chodí transakce",
        "import-finished": "Import souboru {{ file_name }} je hotový",
        "data-export-ready": "Export vašich dat z Cashbooku je připravený",
        "alert": "Cashbook: {{ title }}",
        "goal-invitation": "{{ owner }} s vámi sdílí cíl {{ goal }}",
        "monthly-summary": "Souhrn Cashbooku za {{ month }}",
    },
}


@dataclass(frozen=True, slots=True)
class Email:
    to: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    user_id: uuid.UUID | None = None
    language: Language = DEFAULT_LANGUAGE


def _greeting(first_name: str) -> str:
    return first_name or "there"


def verify_email(
    to: str,
    first_name: str,
    link: str,
    user_id: uuid.UUID | None = None,
    language: Language = DEFAULT_LANGUAGE,
) -> Email:
    context = {"name": _greeting(first_name), "link": link}
    return Email(to, "verify-email", context, user_id, language)


def reset_password(
    to: str,
    first_name: str,
    link: str,
    user_id: uuid.UUID | None = None,
    language: Language = DEFAULT_LANGUAGE,
) -> Email:
    context = {"name": _greeting(first_name), "link": link}
    return Email(to, "reset-password", context, user_id, language)


def security_notice(
    to: str,
    first_name: str,
    event: str,
    when: str,
    user_id: uuid.UUID | None = None,
    language: Language = DEFAULT_LANGUAGE,
) -> Email:
    """Something changed about the account (password, email, a new sign-in method)."""
    context = {"name": _greeting(first_name), "event": event, "when": when}
    return Email(to, "security-notice", context, user_id, language)


def bank_reauth_needed(
    to: str,
    first_name: str,
    bank_name: str,
    link: str,
    user_id: uuid.UUID | None = None,
    language: Language = DEFAULT_LANGUAGE,
) -> Email:
    context = {"name": _greeting(first_name), "bank_name": bank_name, "link": link}
    return Email(to, "bank-reauth-needed", context, user_id, language)


def import_finished(
    to: str,
    first_name: str,
    file_name: str,
    imported: int,
    duplicates: int,
    link: str,
    user_id: uuid.UUID | None = None,
    language: Language = DEFAULT_LANGUAGE,
) -> Email:
    context = {
        "name": _greeting(first_name),
        "file_name": file_name,
        "imported": imported,
        "duplicates": duplicates,
        "link": link,
    }
    return Email(to, "import-finished", context, user_id, language)


def data_export_ready(
    to: str, first_name: str, link: str, user_id: uuid.UUID, language: Language = DEFAULT_LANGUAGE
) -> Email:
    context = {"name": _greeting(first_name), "link": link}
    return Email(to, "data-export-ready", context, user_id, language)


def alert(
    to: str,
    first_name: str,
    title: str,
    body: str,
    link: str,
    user_id: uuid.UUID | None = None,
    language: Language = DEFAULT_LANGUAGE,
) -> Email:
    """An alert the person asked to get by email (budgets, large spending, goals)."""
    context = {"name": _greeting(first_name), "title": title, "body": body, "link": link}
    return Email(to, "alert", context, user_id, language)


def goal_invitation(
    to: str,
    first_name: str,
    owner: str,
    goal: str,
    link: str,
    language: Language = DEFAULT_LANGUAGE,
) -> Email:
    """Someone shares a savings goal; the invitee accepts it in Cashbook, signed in with this
    address (`first_name` is empty when they have no account yet; the language is then the
    owner's, the best guess there is)."""
    context = {"name": _greeting(first_name), "owner": owner, "goal": goal, "link": link}
    return Email(to, "goal-invitation", context, language=language)


def monthly_summary(
    to: str,
    first_name: str,
    *,
    month: str,
    income: str,
    spending: str,
    categories: list[dict[str, str]],
    budgets: list[dict[str, Any]],
    unconverted: list[str],
    link: str,
    user_id: uuid.UUID,
    language: Language = DEFAULT_LANGUAGE,
) -> Email:
    """Last month in figures (amounts already formatted with their currency)."""
    context = {
        "name": _greeting(first_name),
        "month": month,
        "income": income,
        "spending": spending,
        "categories": categories,
        "budgets": budgets,
        "unconverted": unconverted,
        "link": link,
    }
    return Email(to, "monthly-summary", context, user_id, language=language)

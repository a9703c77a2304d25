"""Every table, one module each; importing this package registers them all with `Base`."""

from cashbook.models.base import Base
from cashbook.models.cron_run import CronRun
from cashbook.models.email_outbox import EmailOutbox
from cashbook.models.exchange_rate import ExchangeRate
from cashbook.models.login_failure import LoginFailure
from cashbook.models.session_token import SessionToken
from cashbook.models.user import User

__all__ = [
    "Base",
    "CronRun",
    "EmailOutbox",
    "ExchangeRate",
    "LoginFailure",
    "SessionToken",
    "User",
]

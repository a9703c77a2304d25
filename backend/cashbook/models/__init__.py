"""Every table, one module each; importing this package registers them all with `Base`."""

from cashbook.models.account import Account
from cashbook.models.alert_preference import AlertPreference
from cashbook.models.audit_entry import AuditEntry
from cashbook.models.balance_check import BalanceCheck
from cashbook.models.bank_connection import BankConnection
from cashbook.models.bank_connection_account import BankConnectionAccount
from cashbook.models.bank_sync_run import BankSyncRun
from cashbook.models.base import Base
from cashbook.models.budget import Budget
from cashbook.models.budget_category import BudgetCategory
from cashbook.models.budget_split import BudgetSplit
from cashbook.models.category import Category
from cashbook.models.cron_run import CronRun
from cashbook.models.data_export import DataExport
from cashbook.models.email_outbox import EmailOutbox
from cashbook.models.exchange_rate import ExchangeRate
from cashbook.models.goal import Goal
from cashbook.models.goal_contribution import GoalContribution
from cashbook.models.goal_member import GoalMember
from cashbook.models.impersonation import Impersonation
from cashbook.models.live_event import LiveEvent
from cashbook.models.login_failure import LoginFailure
from cashbook.models.notification import Notification
from cashbook.models.oauth_identity import OAuthIdentity
from cashbook.models.recovery_code import RecoveryCode
from cashbook.models.rule import Rule
from cashbook.models.rule_run import RuleRun
from cashbook.models.rule_run_change import RuleRunChange
from cashbook.models.rule_tag import RuleTag
from cashbook.models.session_token import SessionToken
from cashbook.models.statement_import import StatementImport
from cashbook.models.tag import Tag
from cashbook.models.transaction import Transaction
from cashbook.models.transaction_origin import TransactionOrigin
from cashbook.models.transaction_part import TransactionPart
from cashbook.models.transaction_part_tag import TransactionPartTag
from cashbook.models.transaction_spread import TransactionSpread
from cashbook.models.transaction_tag import TransactionTag
from cashbook.models.transaction_version import TransactionVersion
from cashbook.models.transaction_word import TransactionWord
from cashbook.models.user import User

__all__ = [
    "Account",
    "AlertPreference",
    "AuditEntry",
    "BalanceCheck",
    "BankConnection",
    "BankConnectionAccount",
    "BankSyncRun",
    "Base",
    "Budget",
    "BudgetCategory",
    "BudgetSplit",
    "Category",
    "CronRun",
    "DataExport",
    "EmailOutbox",
    "ExchangeRate",
    "Goal",
    "GoalContribution",
    "GoalMember",
    "Impersonation",
    "LiveEvent",
    "LoginFailure",
    "Notification",
    "OAuthIdentity",
    "RecoveryCode",
    "Rule",
    "RuleRun",
    "RuleRunChange",
    "RuleTag",
    "SessionToken",
    "StatementImport",
    "Tag",
    "Transaction",
    "TransactionOrigin",
    "TransactionPart",
    "TransactionPartTag",
    "TransactionSpread",
    "TransactionTag",
    "TransactionVersion",
    "TransactionWord",
    "User",
]

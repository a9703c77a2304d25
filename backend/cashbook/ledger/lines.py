"""Report lines: what reports and budgets count. A transaction is one line, unless it is
split; then each of its parts is a line of its own (amount and category), and the whole is
not counted. Every figure that adds up income, expense or spending per category reads its
lines here, so a split counts the same everywhere.
"""

from typing import Any

from sqlalchemy import Subquery, exists, select, union_all

from cashbook.models import Transaction, TransactionPart


def report_lines(*conditions: Any) -> Subquery:
    """The lines of the transactions that `conditions` (over `Transaction`) select, with the
    columns transaction_id, account_id, booked_on, currency, amount and category_id.

    The conditions go inside both halves of the union, so each half filters through the
    transactions' own indexes."""
    common = (
        Transaction.id.label("transaction_id"),
        Transaction.account_id,
        Transaction.booked_on,
        Transaction.currency,
    )
    split = exists().where(TransactionPart.transaction_id == Transaction.id)
    whole = select(*common, Transaction.amount, Transaction.category_id).where(*conditions, ~split)
    parts = (
        select(*common, TransactionPart.amount, TransactionPart.category_id)
        .join(TransactionPart, TransactionPart.transaction_id == Transaction.id)
        .where(*conditions)
    )
    return union_all(whole, parts).subquery("report_lines")

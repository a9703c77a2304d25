"""money: balance checks, account numbers, transfer links

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from fastapi_users_db_sqlalchemy.generics import GUID

from cashbook.kit.types import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "balance_checks",
        sa.Column("user_id", GUID(), nullable=False),
        sa.Column("account_id", GUID(), nullable=False),
        sa.Column("import_id", GUID(), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("stated", sa.BigInteger(), nullable=False),
        sa.Column("ledger", sa.BigInteger(), nullable=False),
        sa.Column("adjustment", sa.BigInteger(), nullable=False),
        sa.Column("booked_only", sa.Boolean(), nullable=False),
        sa.Column("id", GUID(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_balance_checks_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
            name=op.f("fk_balance_checks_import_id_imports"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_balance_checks_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_balance_checks")),
    )
    with op.batch_alter_table("balance_checks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_balance_checks_account_checked", ["account_id", "checked_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_balance_checks_import_id"), ["import_id"])
        batch_op.create_index(batch_op.f("ix_balance_checks_user_id"), ["user_id"])
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("transfer_id", GUID(), nullable=True))
        batch_op.create_index(batch_op.f("ix_transactions_transfer_id"), ["transfer_id"])


def downgrade() -> None:
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transactions_transfer_id"))
        batch_op.drop_column("transfer_id")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("number")
    op.drop_table("balance_checks")

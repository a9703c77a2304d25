"""banking: bank connections, their accounts and sync runs, statement imports, origins

Revision ID: 0005
Revises: 0002, 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from fastapi_users_db_sqlalchemy.generics import GUID
from sqlalchemy.dialects import mysql

from cashbook.kit.types import Digest, UTCDateTime

revision: str = "0005"
# Both the ledger and background work come before it (the branches merge here).
down_revision: str | tuple[str, ...] | None = ("0002", "0003")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bank_connections",
        sa.Column("user_id", GUID(), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("state_index", Digest(), nullable=True),
        sa.Column("code_verifier", sa.LargeBinary(), nullable=True),
        sa.Column("flow_expires_at", UTCDateTime(), nullable=True),
        sa.Column("access_token", sa.LargeBinary(), nullable=True),
        sa.Column("access_expires_at", UTCDateTime(), nullable=True),
        sa.Column("refresh_token", sa.LargeBinary(), nullable=True),
        sa.Column("consented_at", UTCDateTime(), nullable=True),
        sa.Column("sync_interval_seconds", sa.Integer(), nullable=False),
        sa.Column("next_sync_at", UTCDateTime(), nullable=True),
        sa.Column("sync_claimed_at", UTCDateTime(), nullable=True),
        sa.Column("last_sync_at", UTCDateTime(), nullable=True),
        sa.Column("last_success_at", UTCDateTime(), nullable=True),
        sa.Column("last_error_code", sa.String(length=50), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("reauth_notified_at", UTCDateTime(), nullable=True),
        sa.Column("id", GUID(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_bank_connections_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_connections")),
        sa.UniqueConstraint("state_index", name=op.f("uq_bank_connections_state_index")),
    )
    with op.batch_alter_table("bank_connections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bank_connections_next_sync_at"), ["next_sync_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_bank_connections_user_id"), ["user_id"], unique=False)

    op.create_table(
        "bank_connection_accounts",
        sa.Column("connection_id", GUID(), nullable=False),
        sa.Column("account_id", GUID(), nullable=False),
        sa.Column("iban_index", Digest(), nullable=False),
        sa.Column("last_booked_on", sa.Date(), nullable=True),
        sa.Column("last_synced_at", UTCDateTime(), nullable=True),
        sa.Column("id", GUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_bank_connection_accounts_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["connection_id"],
            ["bank_connections.id"],
            name=op.f("fk_bank_connection_accounts_connection_id_bank_connections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_connection_accounts")),
        sa.UniqueConstraint(
            "connection_id",
            "iban_index",
            name=op.f("uq_bank_connection_accounts_connection_id_iban_index"),
        ),
    )
    with op.batch_alter_table("bank_connection_accounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bank_connection_accounts_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_bank_connection_accounts_connection_id"), ["connection_id"], unique=False
        )

    op.create_table(
        "bank_sync_runs",
        sa.Column("connection_id", GUID(), nullable=False),
        sa.Column("trigger", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("queued_at", UTCDateTime(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("fetched", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("error_code", sa.String(length=50), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("id", GUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["connection_id"],
            ["bank_connections.id"],
            name=op.f("fk_bank_sync_runs_connection_id_bank_connections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_sync_runs")),
    )
    with op.batch_alter_table("bank_sync_runs", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bank_sync_runs_connection_queued", ["connection_id", "queued_at"], unique=False
        )

    op.create_table(
        "imports",
        sa.Column("user_id", GUID(), nullable=False),
        sa.Column("account_id", GUID(), nullable=False),
        sa.Column("file_name", sa.LargeBinary(), nullable=True),
        sa.Column(
            "content",
            sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb"),
            nullable=True,
        ),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("requested_format", sa.String(length=20), nullable=True),
        sa.Column("mapping", sa.Text(), nullable=True),
        sa.Column("format", sa.String(length=30), nullable=True),
        sa.Column("encoding", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("error_code", sa.String(length=50), nullable=True),
        sa.Column("message", sa.String(length=500), nullable=True),
        sa.Column("errors", sa.Text(), nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("id", GUID(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_imports_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_imports_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
    )
    with op.batch_alter_table("imports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_imports_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_imports_user_id"), ["user_id"], unique=False)

    op.create_table(
        "transaction_origins",
        sa.Column("id", GUID(), nullable=False),
        sa.Column("user_id", GUID(), nullable=False),
        sa.Column("connection_id", GUID(), nullable=True),
        sa.Column("import_id", GUID(), nullable=True),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("digest", Digest(), nullable=False),
        sa.Column("details", sa.LargeBinary(), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["connection_id"],
            ["bank_connections.id"],
            name=op.f("fk_transaction_origins_connection_id_bank_connections"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["id"],
            ["transactions.id"],
            name=op.f("fk_transaction_origins_id_transactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
            name=op.f("fk_transaction_origins_import_id_imports"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transaction_origins")),
    )
    with op.batch_alter_table("transaction_origins", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transaction_origins_connection_id"), ["connection_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_transaction_origins_import_id"), ["import_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_transaction_origins_user_id"), ["user_id"], unique=False
        )


def downgrade() -> None:
    # Dropping a table drops its indexes; MariaDB refuses to drop an index a foreign key uses.
    op.drop_table("transaction_origins")
    op.drop_table("imports")
    op.drop_table("bank_sync_runs")
    op.drop_table("bank_connection_accounts")
    op.drop_table("bank_connections")

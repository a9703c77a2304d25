"""history: every change of a transaction kept as an append-only version; soft delete

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from fastapi_users_db_sqlalchemy.generics import GUID

from cashbook.kit.types import UTCDateTime

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "transaction_versions",
        sa.Column("transaction_id", GUID(), nullable=False),
        sa.Column("user_id", GUID(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=True),
        sa.Column("actor", sa.String(length=10), nullable=False),
        sa.Column("actor_id", GUID(), nullable=True),
        sa.Column("batch_id", GUID(), nullable=False),
        sa.Column("id", GUID(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_transaction_versions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transaction_versions")),
        sa.UniqueConstraint(
            "transaction_id", "version", name=op.f("uq_transaction_versions_transaction_id_version")
        ),
    )
    with op.batch_alter_table("transaction_versions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_transaction_versions_user_batch", ["user_id", "batch_id"], unique=False
        )
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deleted_at", UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_transactions_deleted_at"), ["deleted_at"])


def downgrade() -> None:
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transactions_deleted_at"))
        batch_op.drop_column("deleted_at")
    op.drop_table("transaction_versions")

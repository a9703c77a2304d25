"""transactions: split into parts, each with its own amount, category, tags and note

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from fastapi_users_db_sqlalchemy.generics import GUID

from cashbook.kit.types import UTCDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "transaction_parts",
        sa.Column("user_id", GUID(), nullable=False),
        sa.Column("transaction_id", GUID(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("category_id", GUID(), nullable=True),
        sa.Column("note", sa.LargeBinary(), nullable=True),
        sa.Column("id", GUID(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name=op.f("fk_transaction_parts_category_id_categories"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_transaction_parts_transaction_id_transactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_transaction_parts_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transaction_parts")),
    )
    with op.batch_alter_table("transaction_parts") as batch:
        for column in ("category_id", "transaction_id", "user_id"):
            batch.create_index(batch.f(f"ix_transaction_parts_{column}"), [column], unique=False)
    op.create_table(
        "transaction_part_tags",
        sa.Column("part_id", GUID(), nullable=False),
        sa.Column("tag_id", GUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["part_id"],
            ["transaction_parts.id"],
            name=op.f("fk_transaction_part_tags_part_id_transaction_parts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"],
            ["tags.id"],
            name=op.f("fk_transaction_part_tags_tag_id_tags"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("part_id", "tag_id", name=op.f("pk_transaction_part_tags")),
    )
    with op.batch_alter_table("transaction_part_tags") as batch:
        batch.create_index(batch.f("ix_transaction_part_tags_tag_id"), ["tag_id"], unique=False)


def downgrade() -> None:
    op.drop_table("transaction_part_tags")
    op.drop_table("transaction_parts")

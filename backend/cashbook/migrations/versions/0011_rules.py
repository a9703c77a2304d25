"""rules: a person's ordered categorisation rules; transactions gain a display name and the
rule that applied

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from fastapi_users_db_sqlalchemy.generics import GUID

from cashbook.kit.types import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rules",
        sa.Column("user_id", GUID(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("match", sa.String(length=3), nullable=False),
        sa.Column("name", sa.LargeBinary(), nullable=True),
        sa.Column("conditions", sa.LargeBinary(), nullable=True),
        sa.Column("category_id", GUID(), nullable=True),
        sa.Column("display_name", sa.LargeBinary(), nullable=True),
        sa.Column("id", GUID(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name=op.f("fk_rules_category_id_categories"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_rules_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rules")),
    )
    op.create_table(
        "rule_tags",
        sa.Column("rule_id", GUID(), nullable=False),
        sa.Column("tag_id", GUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["rules.id"], name=op.f("fk_rule_tags_rule_id_rules"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_rule_tags_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("rule_id", "tag_id", name=op.f("pk_rule_tags")),
    )
    op.create_index(op.f("ix_rule_tags_tag_id"), "rule_tags", ["tag_id"], unique=False)
    op.create_table(
        "rule_runs",
        sa.Column("user_id", GUID(), nullable=False),
        sa.Column("rule_id", GUID(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("processed", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("id", GUID(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["rules.id"], name=op.f("fk_rule_runs_rule_id_rules"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_rule_runs_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_runs")),
    )
    op.create_index(op.f("ix_rule_runs_user_id"), "rule_runs", ["user_id"], unique=False)
    op.create_table(
        "rule_run_changes",
        sa.Column("run_id", GUID(), nullable=False),
        sa.Column("transaction_id", GUID(), nullable=False),
        sa.Column("user_id", GUID(), nullable=False),
        sa.Column("previous_category_id", GUID(), nullable=True),
        sa.Column("previous_rule_id", GUID(), nullable=True),
        sa.Column("previous_display_name", sa.LargeBinary(), nullable=True),
        sa.Column("added_tag_ids", sa.Text(), nullable=True),
        sa.Column("id", GUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["previous_category_id"],
            ["categories.id"],
            name=op.f("fk_rule_run_changes_previous_category_id_categories"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["rule_runs.id"],
            name=op.f("fk_rule_run_changes_run_id_rule_runs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_rule_run_changes_transaction_id_transactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_rule_run_changes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_run_changes")),
        sa.UniqueConstraint(
            "run_id", "transaction_id", name=op.f("uq_rule_run_changes_run_id_transaction_id")
        ),
    )
    op.create_index(
        op.f("ix_rule_run_changes_transaction_id"),
        "rule_run_changes",
        ["transaction_id"],
        unique=False,
    )
    with op.batch_alter_table("transactions") as batch:
        batch.add_column(sa.Column("display_name", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("rule_id", GUID(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_transactions_rule_id_rules"),
            "rules",
            ["rule_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("transactions") as batch:
        batch.drop_constraint(op.f("fk_transactions_rule_id_rules"), type_="foreignkey")
        batch.drop_column("rule_id")
        batch.drop_column("display_name")
    op.drop_table("rule_run_changes")
    op.drop_table("rule_runs")
    op.drop_table("rule_tags")
    op.drop_table("rules")

"""tags and categories unique by a Unicode case-folded name key; session tokens as digests

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cashbook.models.name_key import NameKeyType, name_key

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("tags", "categories")


def _fill_keys(table: str) -> None:
    """Each row's key; a name that now collides with another of its owner's gets a number."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(f"SELECT id, user_id, name FROM {table} ORDER BY created_at, id")  # noqa: S608
    ).all()
    taken: set[tuple] = set()
    for row_id, user_id, name in rows:
        new_name, number = name, 1
        while (user_id, name_key(new_name)) in taken:
            number += 1
            new_name = f"{name} ({number})"
        taken.add((user_id, name_key(new_name)))
        connection.execute(
            sa.text(f"UPDATE {table} SET name = :name, name_key = :key WHERE id = :id"),  # noqa: S608
            {"name": new_name, "key": name_key(new_name), "id": row_id},
        )


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("name_key", NameKeyType, nullable=True))
        _fill_keys(table)
        # The new constraint first: on MariaDB the old one is the index of the user_id key.
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("name_key", existing_type=NameKeyType, nullable=False)
            batch_op.create_unique_constraint(
                f"uq_{table}_user_id_name_key", ["user_id", "name_key"]
            )
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_user_id_name", type_="unique")
    # Sessions are now stored as digests of their tokens; the rows stored as issued are dropped
    # (those browsers sign in again) rather than left readable.
    op.execute("DELETE FROM session_tokens")


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_unique_constraint(f"uq_{table}_user_id_name", ["user_id", "name"])
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_user_id_name_key", type_="unique")
            batch_op.drop_column("name_key")
    op.execute("DELETE FROM session_tokens")

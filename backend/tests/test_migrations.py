"""The schema changes only through Alembic, and the same migrations run on both databases."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from cashbook.kit import alembic
from cashbook.models import Base
from tests import databases
from tests.conftest import BACKENDS, make_settings


def sync_url(url: str) -> str:
    return url.replace("+aiosqlite", "").replace("+aiomysql", "+pymysql")


@pytest.fixture(params=BACKENDS)
def empty_database(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite'}"
    return databases.fresh_mariadb_database("migrations")


def tables(url: str) -> set[str]:
    engine = create_engine(sync_url(url))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_from_empty_and_downgrade_to_base(empty_database, tmp_path):
    settings = make_settings(empty_database, tmp_path)
    alembic.upgrade(settings)
    assert set(Base.metadata.tables) <= tables(empty_database)
    alembic.downgrade(settings, "base")
    assert tables(empty_database) <= {"alembic_version"}
    alembic.upgrade(settings)  # and back up again: downgrades leave nothing behind
    assert set(Base.metadata.tables) <= tables(empty_database)


def test_models_and_migrations_do_not_drift(empty_database, tmp_path):
    alembic.upgrade(make_settings(empty_database, tmp_path))
    engine = create_engine(sync_url(empty_database))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == [], (
        f"models differ from migrations; run `alembic revision --autogenerate`: {diff}"
    )


def test_every_generated_name_fits_mariadb():
    names = [table.name for table in Base.metadata.sorted_tables]
    for table in Base.metadata.sorted_tables:
        names += [str(c.name) for c in table.constraints if c.name]
        names += [str(i.name) for i in table.indexes]
    assert names and max(len(name) for name in names) <= 64

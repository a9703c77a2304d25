"""Alembic driven from code: the CLI, the readiness probe and the tests use these."""

from functools import cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from cashbook.config import Settings


def alembic_config(settings: Settings) -> Config:
    config = Config()
    config.set_main_option("script_location", "cashbook:migrations")
    config.attributes["settings"] = settings
    return config


def upgrade(settings: Settings, revision: str = "head") -> None:
    command.upgrade(alembic_config(settings), revision)


def downgrade(settings: Settings, revision: str) -> None:
    command.downgrade(alembic_config(settings), revision)


@cache
def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", "cashbook:migrations")
    return ScriptDirectory.from_config(config)


def script_heads() -> frozenset[str]:
    return frozenset(_scripts().get_heads())


def is_behind(current: frozenset[str]) -> bool:
    """Whether the database still needs this code's migrations.

    A revision this code does not know was written by a newer release (a rolling upgrade
    migrates before the new pods start): the old pods keep serving instead of dropping out.
    """
    if current == script_heads():
        return False
    known = {revision.revision for revision in _scripts().walk_revisions()}
    return not current or current <= known

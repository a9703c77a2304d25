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
def script_heads() -> frozenset[str]:
    config = Config()
    config.set_main_option("script_location", "cashbook:migrations")
    return frozenset(ScriptDirectory.from_config(config).get_heads())

"""Where the database-backed tests find their databases."""

import os

import pymysql
from sqlalchemy.engine import URL, make_url

MARIADB_ENV = "CASHBOOK_TEST_MARIADB_URL"


def backends() -> list[str]:
    return ["sqlite", "mariadb"] if os.environ.get(MARIADB_ENV) else ["sqlite"]


def _server_url() -> URL:
    return make_url(os.environ[MARIADB_ENV])


def mariadb_url_for_humans() -> str:
    return _server_url().render_as_string(hide_password=True)


def _connect(url: URL) -> pymysql.Connection:
    return pymysql.connect(
        host=url.host or "127.0.0.1",
        port=url.port or 3306,
        user=url.username or "root",
        password=url.password or "",
        connect_timeout=5,
    )


def mariadb_problem() -> str | None:
    try:
        _connect(_server_url()).close()
    except pymysql.MySQLError as error:
        return str(error)
    return None


def fresh_mariadb_database(suffix: str) -> str:
    """Drop and create `<database>_<suffix>` and return its SQLAlchemy URL."""
    url = _server_url()
    name = f"{url.database or 'cashbook_test'}_{suffix}"
    connection = _connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
            cursor.execute(
                f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            )
    finally:
        connection.close()
    return url.set(
        drivername="mysql+aiomysql", database=name, query={"charset": "utf8mb4"}
    ).render_as_string(hide_password=False)

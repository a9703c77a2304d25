"""A task whose effect can be counted (loaded only by the stress test's workers, with
`--include tests.worker.counting`). Its effect is idempotent, as every Cashbook job is: a job
delivered again after its worker died records no second effect, only a second run."""

import os
import sqlite3
from contextlib import closing

from celery import shared_task

from cashbook.worker.app import CashbookTask

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS effects (job INTEGER PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS runs (job INTEGER, pid INTEGER)",
)


def connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=60, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    for statement in SCHEMA:
        connection.execute(statement)
    return connection


@shared_task(name="tests.count", bind=True, base=CashbookTask)
def count(self, path: str, job: int) -> None:
    with closing(connect(path)) as db:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO runs VALUES (?, ?)", (job, os.getpid()))
        db.execute("INSERT OR IGNORE INTO effects VALUES (?)", (job,))
        db.execute("COMMIT")

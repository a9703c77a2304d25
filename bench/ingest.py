"""The ingest figure of `make bench`: a statement of 100 000 transactions imported into MariaDB
through the same import job a worker runs (read, parsed, encrypted, blind-indexed and checked
against what is stored already), beside a raw bulk insert of the very rows that import wrote
(the same tables, bytes and indexes, Core executemany in chunks of 1000, one transaction),
measured in the same run and alternated in rounds.

    python bench/ingest.py [--url mysql+pymysql://root@127.0.0.1:3306/cashbook_bench_ingest]

Then one import of as many transactions on SQLite in a process of its own: the seconds of each
stored chunk (flat from the first to the last when nothing grows with the file) and the peak
RSS of that process.

Prints a table and writes it to bench/out/ingest.md.
"""

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402 - the ledger benchmark's keys and database helpers

from cashbook.accounts.service import iban_context  # noqa: E402
from cashbook.config import Settings  # noqa: E402
from cashbook.imports.service import IMPORT_JOB, import_service  # noqa: E402
from cashbook.kit import alembic  # noqa: E402
from cashbook.kit.db import create_engine, session_scope  # noqa: E402
from cashbook.kit.encryption import keys_for  # noqa: E402
from cashbook.kit.logging import configure_logging  # noqa: E402
from cashbook.models import (  # noqa: E402
    Account,
    StatementImport,
    Transaction,
    TransactionOrigin,
    TransactionWord,
    User,
)
from cashbook.worker.jobs import Progress, run_job  # noqa: E402
from cashbook.worker.publishing import job_sessionmaker  # noqa: E402

DEFAULT_URL = "mysql+pymysql://root@127.0.0.1:3306/cashbook_bench_ingest"
IBAN = "CZ8620100000002900123456"
TARGET = 0.50
PEAK_MIB = 200
CHUNK = 1000
MERCHANTS = (
    ("Albert Supermarket", "Nákup potravin"),
    ("Lidl Česká republika", "Nákup"),
    ("Rohlík.cz", "Objednávka"),
    ("Dopravní podnik hl. m. Prahy", "Jízdenka"),
    ("ČEZ Prodej, a.s.", "Záloha elektřina"),
    ("Kavárna Místo", "Káva a dort"),
    ("Alza.cz a.s.", "Elektronika"),
    ("Bytové družstvo Vinohrady", "Nájem"),
)
HEADER = (
    '"ID pohybu";"Datum";"Objem";"Měna";"Protiúčet";"Název protiúčtu";"Kód banky";'
    '"KS";"VS";"SS";"Zpráva pro příjemce";"Typ"'
)


def write_statement(file: BinaryIO, count: int) -> None:
    """A Fio export of `count` movements over three years (one id each, as Fio writes),
    written line by line."""
    rng = random.Random(20240101)  # noqa: S311 - made-up data
    start = date(2022, 1, 1)
    file.write(f"{HEADER}\n".encode())
    for number in range(count):
        name, message = rng.choice(MERCHANTS)
        day = start + timedelta(days=number * 1095 // count)
        amount = rng.randint(-250_000, 400_000) / 100
        account = f"{rng.randint(10**8, 10**10 - 1)}"
        symbol = f"{rng.randint(1, 9_999_999)}" if rng.random() < 0.4 else ""
        values = (
            2_900_000_000 + number,
            f"{day:%d.%m.%Y}",
            f"{amount:.2f}".replace(".", ","),
            "CZK",
            account,
            name,
            "0800",
            "0308",
            symbol,
            "",
            f"{message} {number % 97}",
            "Platba",
        )
        file.write((";".join(f'"{value}"' for value in values) + "\n").encode())


@contextlib.contextmanager
def statement(count: int) -> Iterator[Path]:
    """The statement in a temporary file, as an upload is spooled to disk."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "statement.csv"
        with path.open("wb") as file:
            write_statement(file, count)
        yield path


def sqlite_settings(folder: Path) -> Settings:
    keys = generate.keys_env()
    return Settings(
        database_url=f"sqlite+aiosqlite:///{folder / 'cashbook.sqlite'}",
        db_encryption_key=keys["DB_ENCRYPTION_KEY"],
        db_blind_index_key=keys["DB_BLIND_INDEX_KEY"],
        secret_key="bench-signing-key-" + "x" * 32,
        data_dir=folder,
        env="test",
    )


async def prepared(backend: str, folder: Path, url: str = DEFAULT_URL) -> Settings:
    """A fresh database of the backend, migrated, for imports run in this process."""
    if backend == "sqlite":
        settings = sqlite_settings(folder)
        await asyncio.to_thread(alembic.upgrade, settings)
    else:
        settings = await fresh_database(url)
    settings.jobs_inline = True  # the import-finished email is sent in this process
    settings.import_max_bytes = 1 << 30
    return settings


async def fresh_database(url: str):
    generate.ensure_database(url)
    settings = generate.settings_for(url)
    engine = create_engine(settings)
    async with engine.begin() as connection:
        tables = (await connection.execute(text("SHOW TABLES"))).scalars().all()
        await connection.execute(text("SET FOREIGN_KEY_CHECKS = 0"))
        for table in tables:
            await connection.execute(text(f"DROP TABLE `{table}`"))
        await connection.execute(text("SET FOREIGN_KEY_CHECKS = 1"))
    await engine.dispose()
    await asyncio.to_thread(alembic.upgrade, settings)
    return settings


async def owner(settings) -> Account:
    keys = keys_for(settings)
    engine = create_engine(settings)
    async with session_scope(job_sessionmaker(engine, settings)) as session:
        user = User(
            id=uuid.uuid4(),
            email="ingest@bench.example",
            hashed_password="-",  # noqa: S106 - nobody signs in as the benchmark's owner
            first_name="Ingest",
            last_name="Bench",
        )
        session.add(user)
        await session.flush()
        account = Account(
            id=uuid.uuid4(),
            user_id=user.id,
            name="Fio",
            currency="CZK",
            iban_index=keys.index.iban(user.id, IBAN),
        )
        account.iban = keys.cipher.encrypt(IBAN, iban_context(account.id, user.id))
        session.add(account)
    await engine.dispose()
    return account


async def wipe(session: AsyncSession, account: Account, *, imports: bool) -> None:
    # Origins and words go with their transactions (ON DELETE CASCADE).
    await session.execute(delete(Transaction).where(Transaction.account_id == account.id))
    if imports:
        statement = delete(StatementImport).where(StatementImport.account_id == account.id)
        await session.execute(statement)


async def import_once(
    settings, account: Account, path: Path, progress: Progress | None = None
) -> tuple[float, int]:
    keys = keys_for(settings)
    engine = create_engine(settings)
    sessionmaker = job_sessionmaker(engine, settings)
    try:
        started = time.perf_counter()
        async with session_scope(sessionmaker) as session:
            with path.open("rb") as file:
                row = await import_service.create(
                    session,
                    keys,
                    settings,
                    account.user_id,
                    account.id,
                    file,
                    "bench.csv",
                    None,
                    None,
                    enqueue=False,
                )
        await run_job(sessionmaker, settings, IMPORT_JOB, [str(row.id)], progress)
        seconds = time.perf_counter() - started
        async with session_scope(sessionmaker) as session:
            done = await session.get(StatementImport, row.id)
        assert done is not None and done.status == "succeeded", done and done.message
        return seconds, done.created
    finally:
        await engine.dispose()


async def rows_of(settings, account: Account) -> dict:
    """Every row the import wrote, as plain column values."""
    engine = create_engine(settings)
    try:
        async with session_scope(job_sessionmaker(engine, settings)) as session:
            ids = select(Transaction.id).where(Transaction.account_id == account.id)
            found = {}
            for model, condition in (
                (Transaction, Transaction.account_id == account.id),
                (TransactionWord, TransactionWord.transaction_id.in_(ids)),
                (TransactionOrigin, TransactionOrigin.id.in_(ids)),
            ):
                table = model.__table__
                result = await session.execute(select(table).where(condition))
                found[table] = [dict(row._mapping) for row in result]
            await wipe(session, account, imports=False)  # the origins point at the import
            return found
    finally:
        await engine.dispose()


async def raw_insert(settings, rows: dict) -> float:
    engine = create_engine(settings)
    try:
        started = time.perf_counter()
        async with session_scope(job_sessionmaker(engine, settings)) as session:
            for table, values in rows.items():
                for start in range(0, len(values), CHUNK):
                    await session.execute(insert(table), values[start : start + CHUNK])
        return time.perf_counter() - started
    finally:
        await engine.dispose()


async def clear(settings, account: Account) -> None:
    engine = create_engine(settings)
    async with session_scope(job_sessionmaker(engine, settings)) as session:
        await wipe(session, account, imports=True)
    await engine.dispose()


async def bench(url: str, count: int, rounds: int) -> str:
    with tempfile.TemporaryDirectory() as folder, statement(count) as path:
        settings = await prepared("mariadb", Path(folder), url)
        account = await owner(settings)
        imports, raws = [], []
        for number in range(1, rounds + 1):
            seconds, created = await import_once(settings, account, path)
            assert created == count, f"imported {created} of {count}"
            rows = await rows_of(settings, account)
            raw = await raw_insert(settings, rows)
            await clear(settings, account)
            imports.append(seconds)
            raws.append(raw)
            print(
                f"round {number}: import {seconds:.1f} s, raw insert {raw:.1f} s "
                f"({sum(len(v) for v in rows.values())} rows in 3 tables)",
                file=sys.stderr,
            )
        size = path.stat().st_size / 1_048_576
    imported = count / statistics.median(imports)
    raw_rate = count / statistics.median(raws)
    ratio = imported / raw_rate
    verdict = "meets" if ratio >= TARGET else "misses"
    return "\n".join(
        [
            f"## Ingest: a statement of {count:,} transactions into MariaDB",
            "",
            "| figure | transactions/s | median of |",
            "|---|---:|---:|",
            f"| import ({size:.1f} MiB Fio CSV: parse, encrypt, blind-index, de-duplicate, "
            f"store) | {imported:,.0f} | {rounds} |",
            f"| raw bulk insert of the same rows (Core executemany) | {raw_rate:,.0f} | {rounds} |",
            "",
            f"Import / raw insert: **{ratio:.0%}** (target ≥ {TARGET:.0%}: {verdict} it).",
        ]
    )


async def chunk_times(settings, account: Account, path: Path) -> tuple[float, list[float]]:
    """Seconds for the whole import, and the seconds of each chunk after the first (the first
    also reads the file through once)."""
    marks: list[float] = []
    seconds, _ = await import_once(
        settings, account, path, lambda _done, _total: marks.append(time.perf_counter())
    )
    return seconds, [later - earlier for earlier, later in itertools.pairwise(marks)]


async def large(backend: str, count: int) -> dict:
    """One import in a process of its own (run by `large_in_own_process`): its peak RSS is
    the import's, as a worker's would be."""
    with tempfile.TemporaryDirectory() as folder, statement(count) as path:
        settings = await prepared(backend, Path(folder))
        account = await owner(settings)
        seconds, chunks = await chunk_times(settings, account, path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": seconds, "chunks": chunks, "peak_mib": peak}


def large_in_own_process(backend: str, count: int) -> str:
    """The seconds of each stored chunk and the peak RSS of a `count`-entry import."""
    done = subprocess.run(  # noqa: S603 - this script again, in a fresh process
        [
            sys.executable,
            __file__,
            "--large-only",
            backend,
            "--transactions",
            str(count),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    chunks = result["chunks"]
    verdict = "meets" if result["peak_mib"] <= PEAK_MIB else "misses"
    return "\n".join(
        [
            f"{count:,} entries on {backend} (load average {os.getloadavg()[0]:.1f}): "
            f"{result['seconds']:.1f} s, peak RSS of the importing process "
            f"**{result['peak_mib']:.0f} MiB** (target ≤ {PEAK_MIB} MiB: {verdict} it)",
            f"seconds of each chunk after the first: first {statistics.mean(chunks[:5]):.2f}, "
            f"last {statistics.mean(chunks[-5:]):.2f} (mean of five each); all: "
            + ", ".join(f"{c:.2f}" for c in chunks),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Cashbook ingest benchmark (MariaDB).")
    parser.add_argument("--url", default=os.environ.get("BENCH_INGEST_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--transactions", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--large-only", choices=("sqlite", "mariadb"))
    args = parser.parse_args()
    configure_logging("WARNING")
    if args.large_only:
        print(json.dumps(asyncio.run(large(args.large_only, args.transactions))))
        return
    if make_url(args.url).get_backend_name() not in ("mysql", "mariadb"):
        raise SystemExit("the ingest benchmark measures MariaDB: give a mysql+pymysql:// URL")
    table = asyncio.run(bench(args.url, args.transactions, args.rounds))
    table += "\n\n" + large_in_own_process("sqlite", args.transactions)
    print(table)
    generate.OUT.mkdir(parents=True, exist_ok=True)
    (generate.OUT / "ingest.md").write_text(table + "\n")


if __name__ == "__main__":
    main()

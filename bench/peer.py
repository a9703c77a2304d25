"""The ingest figure beside Actual Budget's engine: the same generated statement imported by
Cashbook (the import job a worker runs: parse, encrypt, blind-index, de-duplicate, store, commit
per chunk) and by Actual (`bench/actual_import.mjs`), on SQLite and on MariaDB, alternating in
rounds; then one 100 000-entry import in a process of its own for the time of each chunk and
the peak memory.

    python bench/peer.py [--transactions 20000] [--rounds 2] [--large 100000]

Needs `npm ci` in bench/ (Actual's API). Prints a table and writes it to bench/out/peer.md.
"""

import argparse
import asyncio
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402 - keys and database helpers
import ingest  # noqa: E402 - the statement generator and the owner of the account

from cashbook.config import Settings  # noqa: E402
from cashbook.imports.parsers import read_statement  # noqa: E402
from cashbook.kit import alembic  # noqa: E402
from cashbook.kit.logging import configure_logging  # noqa: E402
from cashbook.ledger.normalise import minor  # noqa: E402

BENCH = Path(__file__).resolve().parent
MARIADB = os.environ.get("BENCH_INGEST_DATABASE_URL", ingest.DEFAULT_URL)


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


async def prepared(backend: str, folder: Path) -> Settings:
    if backend == "sqlite":
        settings = sqlite_settings(folder)
        await asyncio.to_thread(alembic.upgrade, settings)
    else:
        settings = await ingest.fresh_database(MARIADB)
    settings.jobs_inline = True
    settings.import_max_bytes = 1 << 30
    return settings


async def cashbook_import(settings: Settings, account, data: bytes) -> tuple[float, list[float]]:
    """Seconds for the whole import, and the seconds of each chunk after the first (the first
    also reads the file)."""
    marks: list[float] = []
    seconds, _ = await ingest.import_once(
        settings, account, data, lambda _done, _total: marks.append(time.perf_counter())
    )
    return seconds, [later - earlier for earlier, later in itertools.pairwise(marks)]


def actual_rows(data: bytes) -> Path:
    records = read_statement(data, None, None).records
    rows = [
        {
            "date": r.booked_on.isoformat(),
            "amount": minor(r.amount, "CZK"),
            "payee_name": r.counterparty_name,
            "notes": r.description,
            "imported_id": r.external_id,
        }
        for r in records
    ]
    path = Path(tempfile.mkstemp(suffix=".json")[1])
    path.write_text(json.dumps(rows))
    return path


def actual_import(rows: Path) -> float:
    done = subprocess.run(  # noqa: S603 - our own script
        ["node", str(BENCH / "actual_import.mjs"), str(rows)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
        cwd=BENCH,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


async def compare(backend: str, count: int, rounds: int) -> tuple[float, float]:
    data = ingest.statement(count)
    rows = actual_rows(data)
    with tempfile.TemporaryDirectory() as folder:
        settings = await prepared(backend, Path(folder))
        account = await ingest.owner(settings)
        ours, theirs = [], []
        for number in range(1, rounds + 1):
            seconds, _ = await cashbook_import(settings, account, data)
            await ingest.clear(settings, account)
            actual = await asyncio.to_thread(actual_import, rows)
            ours.append(seconds)
            theirs.append(actual)
            print(
                f"{backend} round {number}: Cashbook {seconds:.1f} s, Actual {actual:.1f} s",
                file=sys.stderr,
            )
    rows.unlink()
    return statistics.median(ours), statistics.median(theirs)


async def large(backend: str, count: int) -> dict:
    """Run in a process of its own: its peak RSS is this import's."""
    with tempfile.TemporaryDirectory() as folder:
        settings = await prepared(backend, Path(folder))
        account = await ingest.owner(settings)
        seconds, chunks = await cashbook_import(settings, account, ingest.statement(count))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": seconds, "chunks": chunks, "peak_mib": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description="Cashbook and Actual Budget ingest.")
    parser.add_argument("--transactions", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,mariadb")
    parser.add_argument("--large-only", choices=("sqlite", "mariadb"))
    args = parser.parse_args()
    configure_logging("WARNING")
    if args.large_only:
        print(json.dumps(asyncio.run(large(args.large_only, args.large))))
        return
    lines = [
        f"## Ingest beside Actual Budget: {args.transactions:,} transactions "
        f"(load average {os.getloadavg()[0]:.1f})",
        "",
        "| database | Cashbook s | Actual s | Cashbook faster by |",
        "|---|---:|---:|---:|",
    ]
    for backend in args.backends.split(","):
        ours, theirs = asyncio.run(compare(backend, args.transactions, args.rounds))
        lines.append(f"| {backend} | {ours:.1f} | {theirs:.1f} | {theirs / ours:.1f}× |")
    backend = args.backends.split(",")[0]
    done = subprocess.run(  # noqa: S603 - this script again, in a fresh process
        [sys.executable, __file__, "--large-only", backend, "--large", str(args.large)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    chunks = result["chunks"]
    lines += [
        "",
        f"{args.large:,} entries on {backend}: {result['seconds']:.1f} s, peak RSS "
        f"{result['peak_mib']:.0f} MiB; seconds of each chunk after the first: "
        + ", ".join(f"{c:.2f}" for c in chunks),
        f"(load average {os.getloadavg()[0]:.1f} at the end)",
    ]
    table = "\n".join(lines)
    print(table)
    generate.OUT.mkdir(parents=True, exist_ok=True)
    (generate.OUT / "peer.md").write_text(table + "\n")


if __name__ == "__main__":
    main()

"""The ingest figure beside Actual Budget's engine: the same generated statement imported by
Cashbook (the import job a worker runs: parse, encrypt, blind-index, de-duplicate, store, commit
per chunk) and by Actual (`bench/actual_import.mjs`), on SQLite and on MariaDB, alternating in
rounds, with the load average of the machine beside each round. (The time of each chunk of a
100 000-entry import and its peak memory are `bench/ingest.py`'s.)

    python bench/peer.py [--transactions 20000] [--rounds 2]

Needs `npm ci` in bench/ (Actual's API). Prints a table and writes it to bench/out/peer.md.
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402 - keys and database helpers
import ingest  # noqa: E402 - the statement generator and the owner of the account

from cashbook.imports.parsers import read_statement  # noqa: E402
from cashbook.kit.logging import configure_logging  # noqa: E402
from cashbook.ledger.normalise import minor  # noqa: E402

BENCH = Path(__file__).resolve().parent
MARIADB = os.environ.get("BENCH_INGEST_DATABASE_URL", ingest.DEFAULT_URL)


def actual_rows(statement: Path) -> Path:
    records = read_statement(statement.read_bytes(), None, None).records
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
    with tempfile.TemporaryDirectory() as folder, ingest.statement(count) as statement:
        rows = actual_rows(statement)
        settings = await ingest.prepared(backend, Path(folder), MARIADB)
        account = await ingest.owner(settings)
        ours, theirs = [], []
        for number in range(1, rounds + 1):
            seconds, chunks = await ingest.chunk_times(settings, account, statement)
            await ingest.clear(settings, account)
            actual = await asyncio.to_thread(actual_import, rows)
            ours.append(seconds)
            theirs.append(actual)
            print(
                f"{backend} round {number}: Cashbook {seconds:.1f} s, Actual {actual:.1f} s "
                f"(load average {os.getloadavg()[0]:.1f}); Cashbook's chunks after the first: "
                + ", ".join(f"{c:.2f}" for c in chunks),
                file=sys.stderr,
            )
        rows.unlink()
    return statistics.median(ours), statistics.median(theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description="Cashbook and Actual Budget ingest.")
    parser.add_argument("--transactions", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--backends", default="sqlite,mariadb")
    args = parser.parse_args()
    configure_logging("WARNING")
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
    lines.append(f"\n(load average {os.getloadavg()[0]:.1f} at the end)")
    table = "\n".join(lines)
    print(table)
    generate.OUT.mkdir(parents=True, exist_ok=True)
    (generate.OUT / "peer.md").write_text(table + "\n")


if __name__ == "__main__":
    main()

"""Converted reports against the same reports with nothing to convert, in one run.

Two people with the same 100 000 transactions over two years: one keeps them in three
currencies (CZK, EUR, USD: every report converts each day's sums at that day's rate), the
other in CZK only (nothing converts). The month × category report and the monthly balance
report are timed for both, alternating, through the report service on MariaDB. Target: the
converted ones within 1.2× of the unconverted.

    python bench/converted.py [--url mysql+aiomysql://root@127.0.0.1:3306/cashbook_bench_rates]
"""

import argparse
import asyncio
import random
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ingest  # noqa: E402 - its fresh-database helper
from cashbook.kit.db import create_engine, session_scope  # noqa: E402
from cashbook.models import Account, Category, Transaction, User  # noqa: E402
from cashbook.rates.repository import RateRepository  # noqa: E402
from cashbook.reports.repository import Period  # noqa: E402
from cashbook.reports.service import report_service  # noqa: E402
from cashbook.worker.jobs import job_sessionmaker  # noqa: E402

DEFAULT_URL = "mysql+pymysql://root@127.0.0.1:3306/cashbook_bench_rates"
TARGET = 1.2
START = date(2025, 1, 1)
DAYS = 730


async def person(session, name: str, currencies: tuple[str, ...], rows: int, seed: int):
    rng = random.Random(seed)  # noqa: S311 - made-up data
    user = User(
        id=uuid.uuid4(),
        email=f"{name}@bench.example",
        hashed_password="-",  # noqa: S106 - nobody signs in
        first_name=name,
        last_name="Bench",
    )
    session.add(user)
    await session.flush()
    accounts = [
        Account(id=uuid.uuid4(), user_id=user.id, name=f"{name} {c} {n}", currency=c)
        for n, c in enumerate(currencies)
    ]
    categories = [
        Category(id=uuid.uuid4(), user_id=user.id, name=f"C{n}") for n in range(12)
    ]
    session.add_all([*accounts, *categories])
    await session.flush()
    batch = []
    for _ in range(rows):
        account = rng.choice(accounts)
        batch.append(
            {
                "id": uuid.uuid4(),
                "user_id": user.id,
                "account_id": account.id,
                "booked_on": START + timedelta(rng.randrange(DAYS)),
                "amount": rng.randint(-300_000, 200_000),
                "currency": account.currency,
                "category_id": rng.choice(categories).id,
                "source": "manual",
            }
        )
        if len(batch) == 5000:
            await session.execute(insert(Transaction), batch)
            batch = []
    if batch:
        await session.execute(insert(Transaction), batch)
    return user


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--transactions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    settings = await ingest.fresh_database(args.url)
    engine = create_engine(settings)
    sessions = job_sessionmaker(engine, settings)
    started = time.monotonic()
    async with session_scope(sessions) as session:
        converted = await person(
            session, "three", ("CZK", "EUR", "USD"), args.transactions, 1
        )
        plain = await person(
            session, "one", ("CZK", "CZK", "CZK"), args.transactions, 1
        )
        rates = RateRepository(session)
        rng = random.Random(2)  # noqa: S311 - made-up data
        for day in range(DAYS + 1):
            czk, usd = (
                24 + rng.random(),
                Decimal("1.05") + Decimal(rng.randrange(100)) / 1000,
            )
            await rates.replace_snapshot(
                "EUR",
                START + timedelta(day),
                {"CZK": Decimal(f"{czk:.3f}"), "USD": usd},
            )
    print(
        f"data: 2 × {args.transactions} transactions in {time.monotonic() - started:.0f} s"
    )

    async def report(user, kind: str) -> float:
        period = Period(user.id, START, START + timedelta(DAYS), [], "CZK")
        async with session_scope(sessions) as session:
            began = time.perf_counter()
            if kind == "by-month":
                body = await report_service.by_month(
                    session, settings, period, "category"
                )
            else:
                body = await report_service.balance(session, settings, period, "month")
            elapsed = time.perf_counter() - began
        assert not body.missing_rates, body.missing_rates
        return elapsed

    lines = [
        "| report | unconverted (CZK only) | converted (3 currencies) | ratio | target |"
    ]
    lines.append("|---|---|---|---|---|")
    for kind in ("by-month", "balance"):
        plain_times, converted_times = [], []
        for _ in range(args.runs):  # alternating, so the machine's load weighs on both
            plain_times.append(await report(plain, kind))
            converted_times.append(await report(converted, kind))
        a, b = statistics.median(plain_times), statistics.median(converted_times)
        ratio = b / a
        lines.append(
            f"| {kind} | {a * 1000:.0f} ms | {b * 1000:.0f} ms | {ratio:.2f}× | ≤ {TARGET}× |"
        )
    await engine.dispose()
    table = "\n".join(lines)
    print(table)
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "converted.md").write_text(table + "\n")


if __name__ == "__main__":
    asyncio.run(main())

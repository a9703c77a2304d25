"""A year of made-up daily exchange-rate snapshots, so the demo's reports convert out of the
box on a machine that has fetched no rates yet. Days that already have a snapshot (fetched
from UniRate or the CNB) are left as they are."""

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.rates.repository import RateRepository

# Units of each currency one euro bought, roughly, in 2025-2026.
AROUND = {"CZK": 24.6, "USD": 1.10, "GBP": 0.85, "CHF": 0.94, "PLN": 4.25, "CAD": 1.52}
DAYS = 400


async def seed_rates(session: AsyncSession, base: str, today: date, seed: int = 2026) -> int:
    """Store a snapshot for every day of the last `DAYS` that has none; returns how many."""
    rng = random.Random(seed)  # noqa: S311 - made-up data, reproducible by seed
    repository = RateRepository(session)
    per_euro = dict(AROUND)
    stored = 0
    existing = await repository.snapshot_dates(base, today - timedelta(days=DAYS))
    for offset in range(DAYS, -1, -1):
        day = today - timedelta(days=offset)
        # A small random walk, so charts of converted figures are not flat.
        per_euro = {
            code: value * (1 + rng.uniform(-0.003, 0.003)) for code, value in per_euro.items()
        }
        if day in existing:
            continue
        table = {"EUR": 1.0, **per_euro}
        if base not in table:
            return stored
        rates = {
            code: Decimal(str(round(value / table[base], 6)))
            for code, value in table.items()
            if code != base
        }
        await repository.replace_snapshot(base, day, rates)
        stored += 1
    return stored

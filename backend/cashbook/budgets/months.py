"""Months as their first day, and the pro-rata rule for spreading an amount over months."""

from datetime import date


def month_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_from(first: date, last: date) -> list[date]:
    """Every month from `first` to `last`, both included."""
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return [add_months(first, n) for n in range(max(count, 0))]


def parse_month(text: str) -> date:
    """ "2026-03" → 2026-03-01 (the pattern is checked by the schema)."""
    year, month = text.split("-")
    return date(int(year), int(month), 1)


def spread(amount: int, months: int) -> list[int]:
    """`amount` as `months` shares, 1/months each, the first taking the remainder:
    -1000 over 3 → [-334, -333, -333]. The shares always sum to `amount`."""
    share, remainder = divmod(abs(amount), months)
    sign = -1 if amount < 0 else 1
    return [sign * (share + remainder)] + [sign * share] * (months - 1)

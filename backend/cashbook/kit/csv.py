"""CSV for people's spreadsheets, safe to open: a cell that a spreadsheet would run as a
formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`.

Numbers are written as they are (an amount `-120.50` stays a number); only text is changed.
"""

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def neutralise(value: Any) -> str:
    """One cell's text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        # A list of objects (a transaction's split parts) as one JSON object each.
        text = ";".join(_json(item) if isinstance(item, dict) else str(item) for item in value)
    elif isinstance(value, dict):
        text = _json(value)
    else:
        text = str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    """Amounts are text in the API (`-120.50`); a spreadsheet must still see a number."""
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and "e" not in text.lower() and "n" not in text.lower()


class CsvWriter:
    """Formats one line at a time (the streamed export writes as it reads)."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")

    def _line(self, cells: Iterable[Any]) -> str:
        self._writer.writerow(cells)
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text

    def header(self) -> str:
        return self._line(self.columns)

    def row(self, row: dict[str, Any]) -> str:
        return self._line(neutralise(row.get(column)) for column in self.columns)


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    writer = CsvWriter(columns)
    return writer.header() + "".join(writer.row(row) for row in rows)

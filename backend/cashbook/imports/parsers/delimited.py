"""CSV statements: the layouts of Fio banka and ČSOB exports, recognised by their column
names (in any order), and any other layout through a column mapping the user gives."""

import csv
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, TextIO

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from cashbook.imports.records import (
    ParsedFile,
    ParsedStatement,
    StatementAccount,
    StatementUnreadable,
    clean_symbol,
    join_texts,
    parse_amount,
    parse_date,
    text_or_none,
)
from cashbook.ledger.records import EntryError, StatementRecord

NAME = "csv"
DELIMITERS = (";", ",", "\t", "|")
Column = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class ColumnMapping(BaseModel):
    """Which column holds what, by header name, for a CSV layout Cashbook does not know."""

    model_config = ConfigDict(extra="forbid")

    date: Column
    amount: Column | None = Field(None, description="One signed amount column…")
    credit: Column | None = Field(None, description="…or money in and money out apart.")
    debit: Column | None = None
    currency: Column | None = Field(None, description="Absent: the account's currency.")
    description: list[Column] = Field(default_factory=list, max_length=5)
    counterparty_name: Column | None = None
    counterparty_account: Column | None = None
    external_id: Column | None = None
    value_date: Column | None = None
    variable_symbol: Column | None = None
    specific_symbol: Column | None = None
    constant_symbol: Column | None = None
    date_format: str | None = Field(None, max_length=40, examples=["%d.%m.%Y"])
    decimal_separator: Annotated[str, StringConstraints(pattern=r"^[.,]$")] | None = None
    delimiter: Annotated[str, StringConstraints(pattern=r"^[;,|\t]$")] | None = None

    @model_validator(mode="after")
    def _amount_columns(self) -> "ColumnMapping":
        if self.amount is None and (self.credit is None or self.debit is None):
            raise ValueError("give the amount column, or both the credit and debit columns")
        return self


@dataclass(frozen=True)
class Layout:
    name: str
    # field → header names that hold it (compared without case and diacritics)
    columns: dict[str, tuple[str, ...]]
    # header names that together identify the layout
    signature: tuple[tuple[str, ...], ...]


FIO = Layout(
    "fio",
    {
        "external_id": ("id pohybu", "id operace"),
        "booked_on": ("datum",),
        "amount": ("objem",),
        "currency": ("mena",),
        "counterparty_account": ("protiucet",),
        "bank_code": ("kod banky",),
        "counterparty_name": ("nazev protiuctu",),
        "constant_symbol": ("ks",),
        "variable_symbol": ("vs",),
        "specific_symbol": ("ss",),
        "description": ("zprava pro prijemce", "poznamka", "komentar"),
        "kind": ("typ",),
        "original": ("upresneni",),
    },
    (("datum",), ("objem",), ("id pohybu", "id operace")),
)
CSOB = Layout(
    "csob",
    {
        "external_id": ("id transakce",),
        "booked_on": ("datum zauctovani",),
        "value_on": ("datum valuty",),
        "amount": ("castka",),
        "currency": ("mena",),
        "counterparty_account": ("cislo uctu protiuctu", "protiucet"),
        "bank_code": ("kod banky protiuctu",),
        "counterparty_name": ("nazev uctu protiuctu", "nazev protiuctu"),
        "constant_symbol": ("konstantni symbol",),
        "variable_symbol": ("variabilni symbol",),
        "specific_symbol": ("specificky symbol",),
        "description": ("zprava pro prijemce", "zprava", "poznamka"),
        "kind": ("oznaceni operace",),
        "account": ("cislo uctu",),
    },
    (("datum zauctovani",), ("castka",)),
)
LAYOUTS = (FIO, CSOB)
_ORIGINAL = re.compile(r"^\s*([\d\s.,]+)\s+([A-Z]{3})\s*$")


def header_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.strip().strip('"'))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def _delimiter(head: list[str]) -> str:
    lines = [line for line in head if line.strip()]

    def score(candidate: str) -> int:
        counts = Counter(line.count(candidate) for line in lines)
        return max((count * lines for count, lines in counts.items() if count), default=0)

    best = max(DELIMITERS, key=score)
    if score(best) == 0:
        raise StatementUnreadable("This file is not a CSV table: no column separator found.")
    return best


def _text_lines(text: TextIO) -> Iterator[str]:
    for line in text:
        if "\x00" in line:
            raise StatementUnreadable("This file is not a text CSV (it holds binary data).")
        yield line


def _rows(lines: Iterable[str], delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every row; a quoted cell may span lines."""
    reader = csv.reader(lines, delimiter=delimiter)
    line = 1
    try:
        for cells in reader:
            yield line, [cell.strip() for cell in cells]
            line = reader.line_num + 1
    except csv.Error as error:
        raise StatementUnreadable(f"The CSV is malformed near line {line} ({error}).") from None


@dataclass
class _Columns:
    """Where each field is in a row of the table."""

    index: dict[str, list[int]]

    def get(self, cells: list[str], name: str) -> str | None:
        indexes = self.index.get(name, ())
        if len(indexes) == 1:  # most fields: one column, nothing to join
            return text_or_none(cells[indexes[0]]) if indexes[0] < len(cells) else None
        return join_texts(*(cells[i] for i in indexes if i < len(cells)))

    @property
    def width(self) -> int:
        return 1 + max(i for indexes in self.index.values() for i in indexes)


def _match_layout(header: list[str], layout: Layout) -> _Columns | None:
    keys = [header_key(cell) for cell in header]
    if not all(any(name in keys for name in names) for names in layout.signature):
        return None
    index: dict[str, list[int]] = {}
    for field, names in layout.columns.items():
        positions = [keys.index(name) for name in names if name in keys]
        if positions:
            index[field] = positions if field == "description" else positions[:1]
    return _Columns(index)


def _mapped_columns(header: list[str], mapping: ColumnMapping) -> _Columns | None:
    keys = [header_key(cell) for cell in header]
    wanted = {
        "booked_on": [mapping.date],
        "value_on": [mapping.value_date],
        "amount": [mapping.amount],
        "credit": [mapping.credit],
        "debit": [mapping.debit],
        "currency": [mapping.currency],
        "description": mapping.description,
        "counterparty_name": [mapping.counterparty_name],
        "counterparty_account": [mapping.counterparty_account],
        "external_id": [mapping.external_id],
        "variable_symbol": [mapping.variable_symbol],
        "specific_symbol": [mapping.specific_symbol],
        "constant_symbol": [mapping.constant_symbol],
    }
    index: dict[str, list[int]] = {}
    for field, names in wanted.items():
        for name in filter(None, names):
            if header_key(name) not in keys:
                return None
            index.setdefault(field, []).append(keys.index(header_key(name)))
    return _Columns(index)


def _preamble_account(rows: list[tuple[int, list[str]]]) -> StatementAccount:
    """Fio writes the account as key/value lines above the table."""
    values = {header_key(cells[0]): cells[1] for _, cells in rows if len(cells) >= 2}
    number = values.get("accountid")
    if number and values.get("bankid"):
        number = f"{number}/{values['bankid']}"
    return StatementAccount(
        iban=text_or_none(values.get("iban")),
        number=text_or_none(number),
        currency=text_or_none(values.get("currency")),
    )


class _RowReader:
    def __init__(self, columns: _Columns, mapping: ColumnMapping | None) -> None:
        self.columns = columns
        self.mapping = mapping

    def _date(self, cells: list[str], name: str, what: str) -> date | None:
        text = self.columns.get(cells, name)
        if not text:
            return None
        try:
            if self.mapping is not None and self.mapping.date_format:
                return datetime.strptime(text, self.mapping.date_format).date()
            return parse_date(text)
        except ValueError:
            raise ValueError(f"the {what} is not a date") from None

    def _amount(self, cells: list[str], name: str) -> Decimal | None:
        text = self.columns.get(cells, name)
        if not text:
            return None
        separator = self.mapping.decimal_separator if self.mapping else None
        try:
            return parse_amount(text, separator)
        except ValueError:
            raise ValueError(f"the {name} is not a number") from None

    def record(self, line: int, cells: list[str], raw: str) -> StatementRecord:
        if len(cells) < self.columns.width:
            raise ValueError(f"the row has {len(cells)} columns, the header {self.columns.width}")
        booked_on = self._date(cells, "booked_on", "booking date")
        if booked_on is None:
            raise ValueError("the row has no date")
        amount = self._amount(cells, "amount")
        if amount is None and "credit" in self.columns.index:
            credit = self._amount(cells, "credit") or Decimal(0)
            debit = self._amount(cells, "debit") or Decimal(0)
            amount = abs(credit) - abs(debit)
        if amount is None:
            raise ValueError("the row has no amount")
        account = self.columns.get(cells, "counterparty_account")
        bank_code = self.columns.get(cells, "bank_code")
        if account and bank_code and "/" not in account:
            account = f"{account}/{bank_code}"
        record = StatementRecord(
            booked_on=booked_on,
            value_on=self._date(cells, "value_on", "value date"),
            amount=amount,
            currency=(self.columns.get(cells, "currency") or "").upper(),
            external_id=self.columns.get(cells, "external_id"),
            counterparty_name=self.columns.get(cells, "counterparty_name"),
            counterparty_account=account,
            description=self.columns.get(cells, "description") or self.columns.get(cells, "kind"),
            variable_symbol=clean_symbol(self.columns.get(cells, "variable_symbol")),
            specific_symbol=clean_symbol(self.columns.get(cells, "specific_symbol")),
            constant_symbol=clean_symbol(self.columns.get(cells, "constant_symbol")),
            raw=raw,
            position=line,
        )
        original = _ORIGINAL.match(self.columns.get(cells, "original") or "")
        if original and original.group(2) != record.currency:
            try:
                value = abs(parse_amount(original.group(1)))
            except ValueError:
                value = None
            if value:
                record.original_amount = value if amount > 0 else -value
                record.original_currency = original.group(2)
        return record


def parse(
    text: TextIO,
    parsed: ParsedFile,
    *,
    layout: str | None = None,
    mapping: ColumnMapping | None = None,
) -> Iterator[tuple[int, StatementRecord]]:
    """Read a CSV statement row by row. `layout` ("fio", "csob") skips recognition; a
    `mapping` reads any other layout."""
    lines = _text_lines(text)
    head = list(itertools.islice(lines, 40))
    delimiter = mapping.delimiter if mapping and mapping.delimiter else _delimiter(head)
    rows = _rows(itertools.chain(head, lines), delimiter)
    first = list(itertools.islice(rows, 50))
    candidates = [known for known in LAYOUTS if layout in (None, known.name)]
    for number, (_line, cells) in enumerate(first):
        if mapping is not None:
            found = _mapped_columns(cells, mapping)
            name = "generic"
        else:
            found, name = next(
                ((c, known.name) for known in candidates if (c := _match_layout(cells, known))),
                (None, ""),
            )
        if found is not None:
            parsed.format = f"{NAME}.{name}"
            statement = ParsedStatement(_preamble_account(first[:number]))
            parsed.statements.append(statement)
            table = itertools.chain(first[number + 1 :], rows)
            return _read_table(table, found, statement, parsed, mapping, delimiter)
    if mapping is not None:
        raise StatementUnreadable(
            "No row of the file has every column the mapping names; check the column names."
        )
    wanted = f"the {layout} layout" if layout else "a layout Cashbook knows (Fio, ČSOB)"
    raise StatementUnreadable(
        f"This CSV is not in {wanted}; import it with a column mapping (format=csv, mapping)."
    )


def _read_table(
    rows: Iterable[tuple[int, list[str]]],
    columns: _Columns,
    statement: ParsedStatement,
    parsed: ParsedFile,
    mapping: ColumnMapping | None,
    delimiter: str,
) -> Iterator[tuple[int, StatementRecord]]:
    reader = _RowReader(columns, mapping)
    own: set[str | None] = set()
    for line, cells in rows:
        if not any(cells):
            continue
        own.add(columns.get(cells, "account"))
        try:
            yield 0, reader.record(line, cells, delimiter.join(cells))
        except ValueError as error:
            parsed.errors.append(EntryError(line, "line", str(error)))
    own.discard(None)
    if statement.account.number is None and len(own) == 1:
        statement.account.number = own.pop()

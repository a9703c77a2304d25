"""What statement parsers share: the parsed file's shape and the helpers that read amounts,
dates and payment symbols into ledger records (`ledger/records.py`)."""

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from cashbook.ledger.records import EntryError, StatementRecord


@dataclass(slots=True)
class StatementAccount:
    """Which account a statement is about, as far as the file says."""

    iban: str | None = None
    number: str | None = None
    currency: str | None = None
    name: str | None = None

    def label(self) -> str:
        ident = self.iban or self.number
        return f"…{ident[-4:]}" if ident else "an unnamed account"


@dataclass(slots=True, frozen=True)
class StatedBalance:
    """The balance a statement states at its end (CAMT.053 `CLBD`, OFX `LEDGERBAL`)."""

    amount: Decimal
    on: date


@dataclass(slots=True)
class ParsedStatement:
    account: StatementAccount
    records: list[StatementRecord] = field(default_factory=list)
    closing: StatedBalance | None = None


@dataclass(slots=True)
class ParsedFile:
    format: str
    encoding: str
    statements: list[ParsedStatement] = field(default_factory=list)
    errors: list[EntryError] = field(default_factory=list)

    @property
    def records(self) -> list[StatementRecord]:
        return [record for statement in self.statements for record in statement.records]


class StatementUnreadable(Exception):
    """The file as a whole is not a statement of the format (or of any format we know)."""

    def __init__(self, message: str, errors: list[EntryError] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


_SPACES = re.compile(r"[\s\u00a0\u202f']")


def parse_amount(text: str, decimal_separator: str | None = None) -> Decimal:
    """ "-1 234,56", "1.234,56", "1,234.56", "+12", "−7,5" → Decimal. Raises ValueError.

    Without a declared separator, the last of "," and "." is the decimal one when both occur,
    and a lone comma is a decimal comma (Czech exports write "1234,56")."""
    cleaned = _SPACES.sub("", text.strip()).replace("\u2212", "-")
    if not cleaned:
        raise ValueError("empty amount")
    if decimal_separator is None:
        comma, dot = cleaned.rfind(","), cleaned.rfind(".")
        decimal_separator = "," if comma > dot else "."
    thousands = "." if decimal_separator == "," else ","
    cleaned = cleaned.replace(thousands, "").replace(decimal_separator, ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("not a number") from None
    if not value.is_finite():
        raise ValueError("not a number")
    return value


_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"^(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})"),
    re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
)


def parse_date(text: str) -> date:
    """ISO, Czech ("15.3.2024", "15. 3. 2024"), day/month/year and OFX ("20240315…")."""
    text = text.strip()
    for pattern in _DATE_FORMATS:
        match = pattern.match(text)
        if match:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
    raise ValueError("not a date")


def clean_symbol(text: str | None) -> str | None:
    """A Czech payment symbol (variable, specific, constant): digits without leading zeros;
    None when empty or all zeros."""
    if text is None:
        return None
    digits = "".join(ch for ch in text if ch.isdigit()).lstrip("0")
    return digits[:10] or None


_SYMBOL = re.compile(r"\b(VS|SS|KS)[:\s]*?(\d{1,10})\b", re.IGNORECASE)


def symbols_in(*texts: str | None) -> dict[str, str]:
    """Symbols written into references, e.g. "VS:123", "/VS0250117002/SS0000000000/KS0308"."""
    found: dict[str, str] = {}
    for text in texts:
        if not text:
            continue
        for kind, digits in _SYMBOL.findall(text.replace("/", " ")):
            symbol = clean_symbol(digits)
            if symbol is not None:
                found.setdefault(kind.upper(), symbol)
    return found


def apply_symbols(record: StatementRecord, symbols: dict[str, str]) -> None:
    record.variable_symbol = record.variable_symbol or symbols.get("VS")
    record.specific_symbol = record.specific_symbol or symbols.get("SS")
    record.constant_symbol = record.constant_symbol or symbols.get("KS")


def text_or_none(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text or None


def join_texts(*texts: str | None) -> str | None:
    """Distinct non-empty texts, in order, joined with " · "."""
    parts: list[str] = []
    for text in texts:
        cleaned = text_or_none(text)
        if cleaned and cleaned not in parts:
            parts.append(cleaned)
    return " · ".join(parts) or None


def _key_text(text: str | None) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split()).lower()


class Fingerprints:
    """Gives records without the bank's id a stable one, so importing the same file (or an
    overlapping one) again finds them: a digest of what the entry says, plus its occurrence
    number among identical entries of the file (two equal coffees on one day stay two).
    Records come one at a time; what it remembers of each is a short digest."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.seen: dict[bytes, int] = {}

    def assign(self, record: StatementRecord) -> None:
        if record.external_id:
            return
        key = "\x1f".join(
            (
                self.kind,
                record.booked_on.isoformat(),
                str(record.amount.normalize()),
                record.currency,
                _key_text(record.counterparty_account),
                _key_text(record.counterparty_name),
                _key_text(record.description),
                record.variable_symbol or "",
            )
        )
        short = hashlib.sha256(key.encode()).digest()[:16]
        occurrence = self.seen.get(short, 0)
        self.seen[short] = occurrence + 1
        digest = hashlib.sha256(f"{key}\x1f{occurrence}".encode()).hexdigest()[:32]
        record.external_id = f"fp:{digest}"


def repeated_ids(counts: Counter[str]) -> set[str]:
    """The ids that several entries of one file share: they do not identify an entry (some
    banks number entries per statement), so those entries get fingerprints instead."""
    return {external_id for external_id, count in counts.items() if count > 1}

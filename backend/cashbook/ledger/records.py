"""What the ledger's write path takes in and what it stores.

`StatementRecord` is the one shape every outside source of transactions is read into (a
statement file: CAMT.053, OFX, CSV; a bank's API); nothing downstream knows where a record came
from. `NewTransaction` is a normalised entry in the ledger's terms (minor units, the account's
currency), which is also what manual creation and the demo hand in; `Origin` is what a source
said beyond the ledger's columns.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from cashbook.models.transaction import TransactionSource


@dataclass(slots=True)
class StatementRecord:
    booked_on: date
    amount: Decimal  # signed, in `currency`: negative is money out
    currency: str
    external_id: str | None = None  # the bank's id of the entry, stable across exports
    value_on: date | None = None
    description: str | None = None
    counterparty_name: str | None = None
    counterparty_account: str | None = None
    variable_symbol: str | None = None
    specific_symbol: str | None = None
    constant_symbol: str | None = None
    original_amount: Decimal | None = None  # what was paid abroad, in `original_currency`
    original_currency: str | None = None
    exchange_rate: Decimal | None = None
    pending: bool = False
    # A bank's id of the card reservation behind a pending entry; its booking carries it too.
    reservation_id: str | None = None
    raw: str | None = None  # the entry as the source had it (stored encrypted)
    position: int | None = None  # line (CSV, OFX) or entry number (CAMT) for messages


@dataclass(slots=True, frozen=True)
class EntryError:
    """A problem with one line or entry; never contains the entry's values."""

    position: int | None
    unit: str  # "line" or "entry"
    message: str

    def __str__(self) -> str:
        where = f"{self.unit} {self.position}: " if self.position is not None else ""
        return where + self.message


@dataclass(slots=True)
class Origin:
    """Where a normalised entry came from, kept (encrypted) beside the transaction."""

    pending: bool
    digest: bytes  # blind digest of the record: tells whether a re-sync brings anything new
    details: str | None  # JSON: payment symbols, exchange rate, reservation id
    raw: str | None
    connection_id: uuid.UUID | None = None
    import_id: uuid.UUID | None = None
    # The key of the pending card payment this booking replaces, if any.
    reservation_key: str | None = None


@dataclass
class NewTransaction:
    """One transaction for the write path (manual entry, bank sync, statement import, demo)."""

    account_id: uuid.UUID
    booked_on: date
    amount: int  # minor units of the account's currency
    currency: str
    value_on: date | None = None
    original_amount: int | None = None
    original_currency: str | None = None
    description: str | None = None
    counterparty_name: str | None = None
    counterparty_account: str | None = None
    note: str | None = None
    display_name: str | None = None
    category_id: uuid.UUID | None = None
    tag_ids: Iterable[uuid.UUID] = ()
    rule_id: uuid.UUID | None = None  # the rule that set something (the enrich stage)
    source: TransactionSource = TransactionSource.manual
    external_id: str | None = None
    origin: Origin | None = None


@dataclass
class LedgerResult:
    """What a write did. `ids` maps an entry's position in what was written to its new id
    (`write`: manual entries, the demo; an `ingest` streams records and keeps none)."""

    fetched: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0  # already stored (duplicates)
    removed: int = 0  # pending payments the bank dropped
    last_booked_on: date | None = None
    ids: dict[int, uuid.UUID] = field(default_factory=dict)
    seen: set[bytes] = field(default_factory=set)  # external-id indexes of the entries

    def add(self, other: "LedgerResult") -> None:
        """Sum the counts of another write (a sync writes per account); `ids` stay per write."""
        self.fetched += other.fetched
        self.created += other.created
        self.updated += other.updated
        self.skipped += other.skipped
        self.removed += other.removed
        self.seen |= other.seen
        if other.last_booked_on and (
            self.last_booked_on is None or other.last_booked_on > self.last_booked_on
        ):
            self.last_booked_on = other.last_booked_on

"""The normalise stage: a source's record becomes an entry in the ledger's terms (minor units
of the account's currency, the key that identifies it at its source, its origin)."""

import json
import uuid
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from cashbook.kit.encryption import Keys
from cashbook.kit.money import AmountError, exponent, to_minor
from cashbook.ledger.records import EntryError, NewTransaction, Origin, StatementRecord
from cashbook.models import Account
from cashbook.models.transaction import TransactionSource

RESERVATION = "reservation:"


def minor(value: Decimal, currency: str) -> int:
    """Minor units, rounded half-to-even to the currency's precision (a statement may carry
    more decimals than the currency has)."""
    places = Decimal(1).scaleb(-exponent(currency))
    return to_minor(value.quantize(places, ROUND_HALF_EVEN), currency)


def external_key(record: StatementRecord) -> str:
    """What identifies a record at its source: a pending card payment by its reservation
    (it has no entry reference yet), everything else by its external id."""
    if record.reservation_id and (record.pending or not record.external_id):
        return f"{RESERVATION}{record.reservation_id}"
    if not record.external_id:
        raise ValueError("a record without an external id reached the ledger")
    return record.external_id


def _details(record: StatementRecord) -> str | None:
    values = {
        "variable_symbol": record.variable_symbol,
        "specific_symbol": record.specific_symbol,
        "constant_symbol": record.constant_symbol,
        "exchange_rate": str(record.exchange_rate) if record.exchange_rate is not None else None,
        "reservation_id": record.reservation_id,
    }
    kept = {key: value for key, value in values.items() if value is not None}
    return json.dumps(kept, sort_keys=True) if kept else None


def _canonical(record: StatementRecord, currency: str) -> str:
    return json.dumps(
        [
            record.booked_on.isoformat(),
            record.value_on.isoformat() if record.value_on else None,
            minor(record.amount, currency),
            record.description,
            record.counterparty_name,
            record.counterparty_account,
            record.original_amount and str(record.original_amount.normalize()),
            record.original_currency,
            record.pending,
            _details(record),
        ],
        ensure_ascii=False,
    )


def check(account: Account, records: Sequence[StatementRecord]) -> list[EntryError]:
    """Why records cannot go into this account (its currency, amounts out of range), before
    anything is written."""
    problems = []
    for record in records:
        if record.currency and record.currency != account.currency:
            problems.append(
                EntryError(
                    record.position,
                    "entry",
                    f"the amount is in {record.currency}, the account keeps {account.currency}",
                )
            )
            continue
        try:
            minor(record.amount, account.currency)
            if record.original_amount is not None and record.original_currency:
                minor(record.original_amount, record.original_currency)
        except (AmountError, ArithmeticError):
            problems.append(EntryError(record.position, "entry", "the amount is out of range"))
    return problems


def normalise(
    keys: Keys,
    account: Account,
    record: StatementRecord,
    source: TransactionSource,
    connection_id: uuid.UUID | None = None,
    import_id: uuid.UUID | None = None,
) -> NewTransaction:
    external = external_key(record)
    reservation = None
    if record.reservation_id and not external.startswith(RESERVATION):
        reservation = f"{RESERVATION}{record.reservation_id}"
    original = None
    if record.original_amount is not None and record.original_currency:
        original = minor(record.original_amount, record.original_currency)
    return NewTransaction(
        account_id=account.id,
        booked_on=record.booked_on,
        value_on=record.value_on,
        amount=minor(record.amount, account.currency),
        currency=account.currency,
        original_amount=original,
        original_currency=record.original_currency if original is not None else None,
        description=record.description,
        counterparty_name=record.counterparty_name,
        counterparty_account=record.counterparty_account,
        source=source,
        external_id=external,
        origin=Origin(
            pending=record.pending,
            digest=keys.index.digest(
                "record", account.user_id, _canonical(record, account.currency)
            ),
            details=_details(record),
            raw=record.raw,
            connection_id=connection_id,
            import_id=import_id,
            reservation_key=reservation,
        ),
    )

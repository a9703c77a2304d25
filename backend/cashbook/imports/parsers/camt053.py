"""ISO 20022 CAMT.053 (bank-to-customer statement), versions 2 to 8; several statements per
file. XML is read with defusedxml (no entity expansion, no external resources), entry by
entry."""

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import TextIO
from xml.etree.ElementTree import Element, ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from cashbook.imports.records import (
    ParsedFile,
    ParsedStatement,
    StatedBalance,
    StatementAccount,
    StatementUnreadable,
    apply_symbols,
    clean_symbol,
    join_texts,
    parse_amount,
    symbols_in,
    text_or_none,
)
from cashbook.ledger.records import EntryError, StatementRecord

NAME = "camt053"
VERSIONS = range(2, 9)
_NAMESPACE = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$")
_SYMBOL_TYPES = {"VS": "VS", "SS": "SS", "KS": "KS"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: Element | None, *path: str) -> Element | None:
    for name in path:
        if element is None:
            return None
        element = next((c for c in element if _local(c.tag) == name), None)
    return element


def _children(element: Element | None, name: str) -> list[Element]:
    if element is None:
        return []
    return [c for c in element if _local(c.tag) == name]


def _text(element: Element | None, *path: str) -> str | None:
    found = _child(element, *path)
    return text_or_none(found.text) if found is not None else None


def _date(element: Element | None, what: str) -> date | None:
    """A <Dt> or <DtTm> inside `element`; a date-time keeps its own (local) date."""
    value = _text(element, "Dt") or _text(element, "DtTm")
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"the {what} is not a date (YYYY-MM-DD)") from None


def _amount(element: Element | None) -> tuple[Decimal, str] | None:
    if element is None or not (element.text or "").strip():
        return None
    try:
        value = parse_amount(element.text or "", ".")
    except ValueError:
        raise ValueError("an amount is not a number") from None
    return value, (element.get("Ccy") or "").upper()


def _party_name(parties: Element | None, role: str) -> str | None:
    # Up to version 7 the name sits in <Dbtr><Nm>; from version 8 in <Dbtr><Pty><Nm>.
    party = _child(parties, role)
    return _text(party, "Nm") or _text(party, "Pty", "Nm")


def _account_id(account: Element | None) -> str | None:
    return _text(account, "Id", "IBAN") or _text(account, "Id", "Othr", "Id")


def _symbols(details: Element | None) -> dict[str, str]:
    found: dict[str, str] = {}
    references = [
        info
        for structured in _children(_child(details, "RmtInf"), "Strd")
        for info in _children(structured, "CdtrRefInf")
    ]
    for reference in references:
        kind = (_text(reference, "Tp", "CdOrPrtry", "Prtry") or "").upper()
        ref = _text(reference, "Ref")
        if kind in _SYMBOL_TYPES and clean_symbol(ref):
            found.setdefault(_SYMBOL_TYPES[kind], clean_symbol(ref))  # type: ignore[arg-type]
        elif ref:
            for key, value in symbols_in(ref).items():
                found.setdefault(key, value)
    refs = _child(details, "Refs")
    for key, value in symbols_in(
        _text(refs, "EndToEndId"), _text(refs, "InstrId"), _text(refs, "PmtInfId")
    ).items():
        found.setdefault(key, value)
    return found


def _closing(balance: Element) -> StatedBalance | None:
    """The balance if it is the closing booked one (`CLBD`); the statement's other balances
    are not checked."""
    if (_text(balance, "Tp", "CdOrPrtry", "Cd") or "").upper() != "CLBD":
        return None
    amount = _amount(_child(balance, "Amt"))
    on = _date(_child(balance, "Dt"), "balance's date")
    if amount is None or on is None:
        raise ValueError("the closing balance has no amount or date")
    sign = -1 if (_text(balance, "CdtDbtInd") or "").upper() == "DBIT" else 1
    return StatedBalance(sign * amount[0], on)


def _version(root: Element) -> int | None:
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    match = _NAMESPACE.match(namespace)
    if match is None:
        if namespace:
            raise StatementUnreadable("This XML file is not a CAMT.053 bank statement.")
        return None  # no namespace at all: read it by its structure
    version = int(match.group(1))
    if version not in VERSIONS:
        raise StatementUnreadable(
            f"CAMT.053 version {version} is not supported; versions 2 to 8 are."
        )
    return version


class _EntryReader:
    def __init__(self, entry: Element, number: int, currency: str | None) -> None:
        self.entry = entry
        self.number = number
        self.currency = currency

    def records(self) -> list[StatementRecord]:
        entry = self.entry
        amount = _amount(_child(entry, "Amt"))
        if amount is None:
            raise ValueError("the entry has no amount")
        indicator = _text(entry, "CdtDbtInd")
        if indicator not in ("CRDT", "DBIT"):
            raise ValueError("the entry says neither credit (CRDT) nor debit (DBIT)")
        value_on = _date(_child(entry, "ValDt"), "value date")
        booked_on = _date(_child(entry, "BookgDt"), "booking date") or value_on
        if booked_on is None:
            raise ValueError("the entry has no booking date")
        details = _children(_child(entry, "NtryDtls"), "TxDtls") or [None]
        split = len(details) > 1 and all(
            _child(d, "Amt") is not None or _child(d, "AmtDtls", "TxAmt", "Amt") is not None
            for d in details
        )
        base_id = _text(entry, "NtryRef") or _text(entry, "AcctSvcrRef")
        raw = tostring(entry, encoding="unicode")
        records = []
        for index, detail in enumerate(details):
            value, currency = amount
            if split:
                value, currency = _amount(_child(detail, "Amt")) or _amount(
                    _child(detail, "AmtDtls", "TxAmt", "Amt")
                )  # type: ignore[misc]
            sign = Decimal(1) if indicator == "CRDT" else Decimal(-1)
            external = base_id or _text(detail, "Refs", "AcctSvcrRef")
            if split and external:
                external = f"{external}:{index + 1}"
            records.append(
                self._record(
                    detail, sign * abs(value), currency, booked_on, value_on, external, raw
                )
            )
        return records

    def _record(
        self,
        detail: Element | None,
        amount: Decimal,
        currency: str,
        booked_on: date,
        value_on: date | None,
        external_id: str | None,
        raw: str,
    ) -> StatementRecord:
        parties = _child(detail, "RltdPties")
        incoming = amount > 0
        role, account_role = ("Dbtr", "DbtrAcct") if incoming else ("Cdtr", "CdtrAcct")
        ultimate = "UltmtDbtr" if incoming else "UltmtCdtr"
        remittance = _child(detail, "RmtInf")
        unstructured = [text_or_none(u.text) for u in _children(remittance, "Ustrd")]
        record = StatementRecord(
            booked_on=booked_on,
            value_on=value_on,
            amount=amount,
            currency=currency or self.currency or "",
            external_id=external_id,
            counterparty_name=_party_name(parties, role) or _party_name(parties, ultimate),
            counterparty_account=_account_id(_child(parties, account_role)),
            description=join_texts(*unstructured)
            or _text(detail, "AddtlTxInf")
            or _text(self.entry, "AddtlNtryInf"),
            raw=raw,
            position=self.number,
        )
        apply_symbols(record, _symbols(detail))
        instructed = _amount(_child(detail, "AmtDtls", "InstdAmt", "Amt"))
        if instructed is not None and instructed[1] and instructed[1] != record.currency:
            record.original_amount = abs(instructed[0]) * (1 if incoming else -1)
            record.original_currency = instructed[1]
        rate = _text(detail, "AmtDtls", "InstdAmt", "CcyXchg", "XchgRate") or _text(
            detail, "AmtDtls", "TxAmt", "CcyXchg", "XchgRate"
        )
        if rate:
            try:
                record.exchange_rate = parse_amount(rate, ".")
            except ValueError:
                raise ValueError("the exchange rate is not a number") from None
        return record


def parse(text: TextIO, parsed: ParsedFile) -> Iterator[tuple[int, StatementRecord]]:
    """Read entry by entry (each one dropped once read), so a file of any size takes the
    memory of one entry."""
    try:
        events = iterparse(text, events=("start", "end"))
        _, root = next(events)
    except DefusedXmlException:
        raise _entities() from None
    except ParseError as error:
        raise _malformed(error) from None
    version = _version(root)
    if _local(root.tag) != "Document":
        raise StatementUnreadable("This XML file is not a CAMT.053 bank statement.")
    parsed.format = NAME if version is None else f"{NAME}.v{version}"
    return _entries(events, root, parsed)


def _entities() -> StatementUnreadable:
    # defusedxml's message names the entity or the external reference: the file's own words.
    return StatementUnreadable(
        "The file uses XML entities or external references, which are refused."
    )


def _malformed(error: ParseError) -> StatementUnreadable:
    line, column = error.position
    return StatementUnreadable(f"The file is not well-formed XML (line {line}, column {column}).")


def _entries(
    events: Iterator[tuple[str, Element]], root: Element, parsed: ParsedFile
) -> Iterator[tuple[int, StatementRecord]]:
    path = [root]  # the open elements
    statement: ParsedStatement | None = None
    statement_lists = number = 0
    try:
        for event, element in events:
            if event == "start":
                path.append(element)
                name = _local(element.tag)
                if name == "BkToCstmrStmt" and len(path) == 2:
                    statement_lists += 1
                elif name == "Stmt" and len(path) == 3 and _local(path[1].tag) == "BkToCstmrStmt":
                    statement = ParsedStatement(StatementAccount())
                    parsed.statements.append(statement)
                continue
            path.pop()
            if statement is None or len(path) != 3 or _local(path[2].tag) != "Stmt":
                continue  # only a statement's own children are read, once they are whole
            name = _local(element.tag)
            if name == "Acct":
                statement.account = StatementAccount(
                    iban=_text(element, "Id", "IBAN"),
                    number=_text(element, "Id", "Othr", "Id"),
                    currency=_text(element, "Ccy"),
                    name=_text(element, "Nm"),
                )
            elif name == "Bal" and statement.closing is None:
                try:
                    statement.closing = _closing(element)
                except ValueError as error:
                    parsed.errors.append(EntryError(None, "entry", str(error)))
            elif name == "Ntry":
                number += 1
                for record in _booked(element, number, statement.account.currency, parsed):
                    yield len(parsed.statements) - 1, record
            path[-1].remove(element)  # read: it takes no memory any more
    except DefusedXmlException:
        raise _entities() from None
    except ParseError as error:
        raise _malformed(error) from None
    if not statement_lists:
        raise StatementUnreadable("This XML file is not a CAMT.053 bank statement.")
    if not parsed.statements:
        raise StatementUnreadable("The CAMT.053 file holds no statement (<Stmt>).")


def _booked(
    entry: Element, number: int, currency: str | None, parsed: ParsedFile
) -> list[StatementRecord]:
    status = (_text(entry, "Sts") or _text(entry, "Sts", "Cd") or "BOOK").upper()
    if status != "BOOK":
        return []  # pending and informational entries are not in the books yet
    try:
        return _EntryReader(entry, number, currency).records()
    except (ValueError, TypeError) as error:
        parsed.errors.append(EntryError(number, "entry", str(error)))
        return []

"""OFX and QFX statements: version 1 (SGML, where leaf tags are never closed) and version 2
(XML). Both are read by one tag tokenizer, piece by piece, into a small tree that holds one
transaction at a time, so neither needs an XML parser (and no entity or DTD is ever expanded)."""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TextIO

from cashbook.imports.encoding import CHUNK_BYTES
from cashbook.imports.records import (
    ParsedFile,
    ParsedStatement,
    StatedBalance,
    StatementAccount,
    StatementUnreadable,
    parse_amount,
    text_or_none,
)
from cashbook.ledger.records import EntryError, StatementRecord

NAME = "ofx"
_TAG = re.compile(r"<(/?)([A-Za-z0-9_.]+)(?:\s[^>]*)?>([^<]*)")
_OFX_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})")
_STATEMENTS = ("STMTRS", "CCSTMTRS")


@dataclass
class Node:
    name: str
    text: str | None = None
    line: int = 0
    children: list["Node"] = field(default_factory=list)

    def find(self, *path: str) -> "Node | None":
        node: Node | None = self
        for name in path:
            if node is None:
                return None
            node = next((c for c in node.children if c.name == name), None)
        return node

    def value(self, *path: str) -> str | None:
        node = self.find(*path)
        return node.text if node is not None else None

    def dump(self) -> str:
        """The node as OFX text again (leaves unclosed, as in version 1)."""
        if not self.children:
            return f"<{self.name}>{html.escape(self.text or '', quote=False)}"
        inner = "\n".join(child.dump() for child in self.children)
        return f"<{self.name}>\n{inner}\n</{self.name}>"


def _tags(text: TextIO) -> Iterator[tuple[bool, str, str, int]]:
    """(closing, name, the text after it, line) of every tag from <OFX> on, read piece by
    piece."""
    buffer, line, position, started = "", 1, 0, False
    while True:
        piece = text.read(CHUNK_BYTES)
        buffer += piece
        if not started:
            start = buffer.upper().find("<OFX>")
            if start < 0 and not piece:
                raise StatementUnreadable("This is not an OFX file: it has no <OFX> element.")
            keep = start if start >= 0 else max(0, len(buffer) - 4)
            line += buffer.count("\n", 0, keep)
            buffer, started = buffer[keep:], start >= 0
            if not started:
                continue
        keep = len(buffer)
        for match in _TAG.finditer(buffer):
            if piece and match.end() == len(buffer):
                keep = match.start()  # its text may go on in the next piece
                break
            line += buffer.count("\n", position, match.start())
            position = match.start()
            yield bool(match.group(1)), match.group(2).upper(), match.group(3), line
            following = buffer.find("<", match.end())
            keep = len(buffer) if following < 0 else following
        if not piece:
            return
        line += buffer.count("\n", position, keep)
        buffer, position = buffer[keep:], 0


class _Reader:
    """Tags into a tree, as they come. A tag followed by text is a leaf (its closing tag is
    optional); a tag followed by another tag opens an aggregate that its closing tag ends.
    A transaction is read when it ends and a statement's balance when the statement does;
    both leave the tree then, so it never holds more than one transaction."""

    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.stack = [Node("#root")]
        self.statements: dict[int, int] = {}  # id of a statement's node → its index

    def read(self, text: TextIO) -> Iterator[tuple[int, StatementRecord]]:
        stack = self.stack
        for closing, name, after, line in _tags(text):
            if closing:
                if any(node.name == name for node in stack[1:]):
                    while stack[-1].name != name:
                        yield from self._closed(stack.pop())
                    yield from self._closed(stack.pop())
                continue  # the optional end of a leaf, or a stray end tag
            value = after.strip()
            node = Node(name, text_or_none(html.unescape(value)) if value else None, line)
            stack[-1].children.append(node)
            if not value:
                stack.append(node)
        while len(stack) > 1:
            yield from self._closed(stack.pop())
        if not self.statements:
            raise StatementUnreadable("The OFX file holds no bank or card statement (STMTRS).")

    def _statement(self, node: Node) -> int:
        """The index of a statement's node, its account read when first asked."""
        if id(node) not in self.statements:
            account = node.find("BANKACCTFROM") or node.find("CCACCTFROM")
            currency = (node.value("CURDEF") or "").upper()
            number = account.value("ACCTID") if account else None
            self.statements[id(node)] = len(self.parsed.statements)
            self.parsed.statements.append(
                ParsedStatement(StatementAccount(number=number, currency=currency))
            )
        return self.statements[id(node)]

    def _closed(self, node: Node) -> Iterator[tuple[int, StatementRecord]]:
        parent = self.stack[-1]
        if node.name in _STATEMENTS:
            index = self._statement(node)
            ledger = node.find("LEDGERBAL")
            try:
                self.parsed.statements[index].closing = _ledger_balance(ledger)
            except ValueError as error:
                line = ledger.line if ledger else None
                self.parsed.errors.append(EntryError(line, "line", str(error)))
            parent.children.remove(node)
            return
        if node.name != "STMTTRN":
            return
        names = [n.name for n in self.stack]
        statement = next((n for n in reversed(self.stack) if n.name in _STATEMENTS), None)
        if statement is None or "BANKTRANLIST" not in names[names.index(statement.name) :]:
            return
        index = self._statement(statement)
        parent.children.remove(node)
        try:
            record = _record(node, self.parsed.statements[index].account.currency or "")
        except ValueError as error:
            self.parsed.errors.append(EntryError(node.line, "line", str(error)))
            return
        record.raw = node.dump()
        yield index, record


def _date(value: str | None, what: str) -> date | None:
    if not value:
        return None
    match = _OFX_DATE.match(value)
    if match is None:
        raise ValueError(f"the {what} is not an OFX date (YYYYMMDD…)")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueError(f"the {what} is not a real date") from None


def _decimal(value: str | None, what: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return parse_amount(value)
    except ValueError:
        raise ValueError(f"the {what} is not a number") from None


def _record(transaction: Node, currency: str) -> StatementRecord:
    amount = _decimal(transaction.value("TRNAMT"), "amount")
    if amount is None:
        raise ValueError("the transaction has no amount (TRNAMT)")
    booked_on = _date(transaction.value("DTPOSTED"), "posting date (DTPOSTED)")
    if booked_on is None:
        raise ValueError("the transaction has no posting date (DTPOSTED)")
    name = transaction.value("NAME") or transaction.value("PAYEE", "NAME")
    memo = transaction.value("MEMO")
    record = StatementRecord(
        booked_on=booked_on,
        value_on=_date(transaction.value("DTAVAIL"), "DTAVAIL")
        or _date(transaction.value("DTUSER"), "DTUSER"),
        amount=amount,
        currency=(transaction.value("CURRENCY", "CURSYM") or currency).upper(),
        external_id=transaction.value("FITID"),
        counterparty_name=name,
        counterparty_account=transaction.value("BANKACCTTO", "ACCTID")
        or transaction.value("CCACCTTO", "ACCTID"),
        description=memo if memo and memo != name else None,
        position=transaction.line,
    )
    original = transaction.find("ORIGCURRENCY")
    rate = _decimal(original.value("CURRATE") if original else None, "exchange rate (CURRATE)")
    if original is not None and rate and original.value("CURSYM"):
        # The amount is in the statement's currency; CURRATE converts the original into it.
        record.original_currency = (original.value("CURSYM") or "").upper()
        record.original_amount = (amount / rate).quantize(Decimal("0.01"))
        record.exchange_rate = rate
    return record


def _ledger_balance(ledger: Node | None) -> StatedBalance | None:
    if ledger is None:
        return None
    amount = _decimal(ledger.value("BALAMT"), "ledger balance")
    on = _date(ledger.value("DTASOF"), "ledger balance's date")
    return StatedBalance(amount, on) if amount is not None and on else None


def parse(text: TextIO, parsed: ParsedFile) -> Iterator[tuple[int, StatementRecord]]:
    parsed.format = NAME
    return _Reader(parsed).read(text)

"""OFX and QFX statements: version 1 (SGML, where leaf tags are never closed) and version 2
(XML). Both are read by one tag tokenizer into a small tree, so neither needs an XML parser
(and no entity or DTD is ever expanded)."""

import html
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

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

    def all(self, name: str) -> list["Node"]:
        """Every descendant called `name`, in document order."""
        found = []
        for child in self.children:
            if child.name == name:
                found.append(child)
            found += child.all(name)
        return found


def tree(body: str, first_line: int) -> Node:
    """Tags into a tree. A tag followed by text is a leaf (its closing tag is optional);
    a tag followed by another tag opens an aggregate that its closing tag ends."""
    root = Node("#root")
    stack = [root]
    line = first_line
    position = 0
    for match in _TAG.finditer(body):
        line += body.count("\n", position, match.start())
        position = match.start()
        closing, name, text = match.group(1), match.group(2).upper(), match.group(3)
        if closing:
            if any(node.name == name for node in stack[1:]):
                while stack[-1].name != name:
                    stack.pop()
                stack.pop()
            continue  # the optional end of a leaf, or a stray end tag
        value = text.strip()
        node = Node(name, text_or_none(html.unescape(value)) if value else None, line)
        stack[-1].children.append(node)
        if not value:
            stack.append(node)
    return root


def _split_header(text: str) -> tuple[str, int]:
    start = text.upper().find("<OFX>")
    if start < 0:
        raise StatementUnreadable("This is not an OFX file: it has no <OFX> element.")
    return text[start:], text.count("\n", 0, start) + 1


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


def parse(text: str, encoding: str) -> ParsedFile:
    body, first_line = _split_header(text)
    root = tree(body, first_line)
    statements = root.all("STMTRS") + root.all("CCSTMTRS")
    if not statements:
        raise StatementUnreadable("The OFX file holds no bank or card statement (STMTRS).")
    result = ParsedFile(format=NAME, encoding=encoding)
    for statement in statements:
        currency = (statement.value("CURDEF") or "").upper()
        account = statement.find("BANKACCTFROM") or statement.find("CCACCTFROM")
        parsed = ParsedStatement(
            StatementAccount(number=account.value("ACCTID") if account else None, currency=currency)
        )
        ledger = statement.find("LEDGERBAL")
        try:
            parsed.closing = _ledger_balance(ledger)
        except ValueError as error:
            result.errors.append(EntryError(ledger.line if ledger else None, "line", str(error)))
        transactions = statement.find("BANKTRANLIST")
        for transaction in transactions.all("STMTTRN") if transactions else []:
            try:
                record = _record(transaction, currency)
            except ValueError as error:
                result.errors.append(EntryError(transaction.line, "line", str(error)))
                continue
            record.raw = transaction.dump()
            parsed.records.append(record)
        result.statements.append(parsed)
    return result

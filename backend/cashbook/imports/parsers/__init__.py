"""Statement files in, records out: detect the format and encoding, then parse."""

import re

from cashbook.imports import encoding as encodings
from cashbook.imports.parsers import camt053, delimited, ofx
from cashbook.imports.parsers.delimited import ColumnMapping
from cashbook.imports.records import ParsedFile, StatementUnreadable

# What a person may ask for; "csv" recognises the layout or uses the mapping.
FORMATS = ("camt053", "ofx", "qfx", "csv", "fio", "csob")
_XML_ROOT = re.compile(r"<(?:[A-Za-z0-9_]+:)?Document\b|BkToCstmrStmt|camt\.053", re.I)


class UnknownFormat(StatementUnreadable):
    pass


def detect_format(text: str) -> str:
    """ "camt053", "ofx" or "csv" from the content itself (file names lie)."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    upper = head.upper()
    if upper.startswith("OFXHEADER") or "<OFX>" in upper or "<?OFX" in upper:
        return "ofx"
    if head.startswith("<"):
        if _XML_ROOT.search(head):
            return "camt053"
        raise UnknownFormat(
            "This XML file is neither a CAMT.053 statement nor an OFX file; "
            "Cashbook reads CAMT.053, OFX/QFX and CSV."
        )
    if any(delimiter in head for delimiter in delimited.DELIMITERS) and "\n" in head.strip():
        return "csv"
    raise UnknownFormat("Cashbook cannot tell what this file is; it reads CAMT.053, OFX/QFX, CSV.")


def read_statement(
    data: bytes, format: str | None = None, mapping: ColumnMapping | None = None
) -> ParsedFile:
    """Parse a whole file. Raises StatementUnreadable when it cannot be read at all; problems
    with single entries are in the result's `errors`."""
    if not data.strip():
        raise StatementUnreadable("The file is empty.")
    try:
        text, encoding = encodings.decode(data)
    except UnicodeDecodeError:
        raise StatementUnreadable(
            "The file's text is not valid in its declared encoding."
        ) from None
    detected = detect_format(text)
    wanted = {"qfx": "ofx", "fio": "csv", "csob": "csv"}.get(format or "", format) or detected
    if mapping is not None:
        wanted = "csv"
    if wanted != detected:
        raise StatementUnreadable(f"The file is not {format.upper()}; it looks like {detected}.")  # type: ignore[union-attr]
    if wanted == "camt053":
        return camt053.parse(text, encoding)
    if wanted == "ofx":
        return ofx.parse(text, encoding)
    layout = format if format in ("fio", "csob") else None
    return delimited.parse(text, encoding, layout=layout, mapping=mapping)

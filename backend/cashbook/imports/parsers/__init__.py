"""Statement files in, records out: detect the format and encoding, then parse."""

import re
from typing import Literal, get_args

from cashbook.imports import encoding as encodings
from cashbook.imports.parsers import camt053, delimited, ofx
from cashbook.imports.parsers.delimited import ColumnMapping
from cashbook.imports.records import ParsedFile, StatementUnreadable

# What a person may ask for; "csv" recognises the layout or uses the mapping.
ImportFormat = Literal["camt053", "ofx", "qfx", "csv", "fio", "csob"]
FORMATS: tuple[str, ...] = get_args(ImportFormat)
NAMES = {"camt053": "CAMT.053", "ofx": "OFX", "csv": "CSV"}
_FAMILY = {"qfx": "ofx", "fio": "csv", "csob": "csv"}
_XML_ROOT = re.compile(r"<(?:[A-Za-z0-9_]+:)?Document\b|BkToCstmrStmt|camt\.053", re.I)


class UnknownFormat(StatementUnreadable):
    pass


class FormatMismatch(StatementUnreadable):
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


def sniff(
    data: bytes, format: str | None = None, mapping: ColumnMapping | None = None
) -> tuple[str, str, str]:
    """The text, its encoding and the format to read it as; raises StatementUnreadable when
    the file is empty, not text, or not in the asked (or any known) format."""
    if not data.strip():
        raise StatementUnreadable("The file is empty.")
    try:
        text, encoding = encodings.decode(data)
    except UnicodeDecodeError:
        raise StatementUnreadable(
            "The file's text is not valid in its declared encoding."
        ) from None
    detected = detect_format(text)
    wanted = "csv" if mapping is not None else _FAMILY.get(format or "", format) or detected
    if wanted != detected:
        raise FormatMismatch(f"The file is not {NAMES[wanted]}; it looks like {NAMES[detected]}.")
    return text, encoding, wanted


def read_statement(
    data: bytes, format: str | None = None, mapping: ColumnMapping | None = None
) -> ParsedFile:
    """Parse a whole file. Raises StatementUnreadable when it cannot be read at all; problems
    with single entries are in the result's `errors`."""
    text, encoding, wanted = sniff(data, format, mapping)
    if wanted == "camt053":
        return camt053.parse(text, encoding)
    if wanted == "ofx":
        return ofx.parse(text, encoding)
    layout = format if format in ("fio", "csob") else None
    return delimited.parse(text, encoding, layout=layout, mapping=mapping)

"""Statement files in, records out: detect the format and encoding, then parse."""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, get_args

from cashbook.imports import encoding as encodings
from cashbook.imports.encoding import CHUNK_BYTES, text_stream
from cashbook.imports.parsers import camt053, delimited, ofx
from cashbook.imports.parsers.delimited import ColumnMapping
from cashbook.imports.records import ParsedFile, StatementUnreadable
from cashbook.ledger.records import StatementRecord

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


Chunks = Callable[[], Iterable[bytes]]  # a file, read anew piece by piece at each call


def chunks_of(data: bytes) -> Chunks:
    return lambda: (data[at : at + CHUNK_BYTES] for at in range(0, len(data), CHUNK_BYTES))


@dataclass(slots=True)
class Statement:
    """A statement file whose encoding and format are known; `stream` reads it from the
    start each time it is called."""

    chunks: Chunks
    encoding: str
    kind: str  # "camt053", "ofx" or "csv"
    layout: str | None
    mapping: ColumnMapping | None

    def stream(self, parsed: ParsedFile) -> Iterator[tuple[int, StatementRecord]]:
        """Each record with the index of its statement in `parsed.statements`, one at a time;
        the parser fills `parsed` (format, statements, errors) as it goes, so it is complete
        once the stream is. Raises StatementUnreadable when the file cannot be read at all."""
        text = text_stream(self.chunks(), self.encoding)
        if self.kind == "camt053":
            return camt053.parse(text, parsed)
        if self.kind == "ofx":
            return ofx.parse(text, parsed)
        return delimited.parse(text, parsed, layout=self.layout, mapping=self.mapping)


def sniff(
    chunks: Chunks, format: str | None = None, mapping: ColumnMapping | None = None
) -> Statement:
    """The file's encoding and the format to read it as; raises StatementUnreadable when the
    file is empty, not text, or not in the asked (or any known) format."""
    if not any(chunk.strip() for chunk in chunks()):
        raise StatementUnreadable("The file is empty.")
    try:
        encoding = encodings.detect_chunks(chunks)
        head = text_stream(chunks(), encoding).read(4096)
    except UnicodeDecodeError:
        raise StatementUnreadable(
            "The file's text is not valid in its declared encoding."
        ) from None
    detected = detect_format(head)
    wanted = "csv" if mapping is not None else _FAMILY.get(format or "", format) or detected
    if wanted != detected:
        raise FormatMismatch(f"The file is not {NAMES[wanted]}; it looks like {NAMES[detected]}.")
    layout = format if format in ("fio", "csob") else None
    return Statement(chunks, encoding, wanted, layout, mapping)


def read_statement(
    data: bytes, format: str | None = None, mapping: ColumnMapping | None = None
) -> ParsedFile:
    """Parse a whole file into memory (small files: tests, tools). Raises StatementUnreadable
    when it cannot be read at all; problems with single entries are in the result's
    `errors`."""
    statement = sniff(chunks_of(data), format, mapping)
    parsed = ParsedFile(format=statement.kind, encoding=statement.encoding)
    for index, record in statement.stream(parsed):
        parsed.statements[index].records.append(record)
    return parsed

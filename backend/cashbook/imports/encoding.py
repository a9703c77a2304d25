"""Which encoding a statement file is in: UTF-8, Windows-1250 or ISO-8859-1.

A declaration wins (a byte-order mark, the XML prolog, OFX's CHARSET header). Otherwise valid
UTF-8 is UTF-8. A single-byte file is Windows-1250 when it holds bytes that ISO-8859-1 leaves
to control characters (Windows-1250 puts š, ž, Š, Ž, ť there, so nearly every Czech file has
them); else the letters that differ between the two decide, by which reading gives letters
usual in Czech text (ě ř ů č ň) or in Western European text (à å æ ñ ø ù è).
"""

import codecs
import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

UTF8 = "utf-8"
CP1250 = "windows-1250"
LATIN1 = "iso-8859-1"
CHUNK_BYTES = 1 << 16  # how much of a file is read at a time

_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9_.\-]+)[\"']", re.I)
_OFX_CHARSET = re.compile(rb"^\s*(?:OFXHEADER:.*?)?CHARSET:\s*([A-Za-z0-9\-]+)", re.I | re.S)
_OFX_ENCODING = re.compile(rb"^\s*OFXHEADER:.*?ENCODING:\s*([A-Za-z0-9\-]+)", re.I | re.S)

_ALIASES = {
    "utf-8": UTF8,
    "utf8": UTF8,
    "unicode": UTF8,
    "windows-1250": CP1250,
    "cp1250": CP1250,
    "1250": CP1250,
    "iso-8859-1": LATIN1,
    "latin-1": LATIN1,
    "latin1": LATIN1,
    "iso8859-1": LATIN1,
    # Windows-1252 is a superset of ISO-8859-1 in the letters; read both as ISO-8859-1.
    "windows-1252": LATIN1,
    "cp1252": LATIN1,
    "1252": LATIN1,
    "us-ascii": UTF8,  # ASCII is valid UTF-8 (and a header that says ASCII often lies)
    "usascii": UTF8,
    "ascii": UTF8,
}

# Bytes where the two code pages differ, with the reading that makes it likely: letters of
# Czech/Slovak in Windows-1250, letters of Western languages in ISO-8859-1.
_CZECH = frozenset(b"\xe8\xec\xf8\xf9\xf2\xef\xc8\xcc\xd8\xd9\xd2\xcf\xbe\xbc")
_WESTERN = frozenset(b"\xe0\xe5\xe6\xf1\xe3\xf5\xc0\xc5\xc6\xd1\xa3\xbf\xa1\xaa\xba")
_AMBIGUOUS_WESTERN = frozenset(b"\xe8\xf8\xf9\xf2\xd8")  # è ø ù ò Ø are common in the West too
_VOWELS = frozenset(b"aeiouyAEIOUY\xe1\xed\xe9\xfa\xfd\xf3")


def _declared(data: bytes) -> str | None:
    head = data[:1024]
    for pattern in (_XML_DECLARATION, _OFX_CHARSET, _OFX_ENCODING):
        match = pattern.search(head)
        if match:
            name = match.group(1).decode("ascii").lower()
            if name in _ALIASES:
                return _ALIASES[name]
    return None


_CONTROL = re.compile(rb"[\x80-\x9f]")
_LETTERS = re.compile(b"[" + re.escape(bytes(sorted(_CZECH | _WESTERN))) + b"]")


def _pairs(chunks: Iterable[bytes]) -> Iterator[tuple[int, int]]:
    """(byte, the byte after it) for every byte where the code pages differ; the last byte of
    a chunk waits for the next chunk's first."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        for match in _LETTERS.finditer(data, 0, len(data) - 1):
            yield data[match.start()], data[match.start() + 1]
        carry = data[-1:]
    if carry and _LETTERS.match(carry):
        yield carry[0], 0x20


def _single_byte_guess(chunks: Callable[[], Iterable[bytes]]) -> str:
    if any(_CONTROL.search(chunk) for chunk in chunks()):
        return CP1250
    czech = western = 0.0
    for byte, following in _pairs(chunks()):
        if byte in _CZECH:
            # ř, ě and ů sit before vowels or at word ends in Czech; ø and è mostly before
            # consonants in Danish and French.
            weight = 1.0 if following in _VOWELS or following < 0x41 else 0.5
            czech += weight
        if byte in _WESTERN:
            western += 2.0
        elif byte in _AMBIGUOUS_WESTERN:
            western += 0.75 if following not in _VOWELS and following >= 0x41 else 0.25
    return LATIN1 if western > czech else CP1250


def _valid_utf8(chunks: Iterable[bytes]) -> bool:
    decoder = codecs.getincrementaldecoder(UTF8)()
    try:
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_chunks(chunks: Callable[[], Iterable[bytes]]) -> str:
    """The encoding of the bytes `chunks()` yields (called once per look, so a file is read
    piece by piece and never held whole): one of UTF8, CP1250, LATIN1."""
    head = next(iter(chunks()), b"")[:1024]
    if head.startswith(b"\xef\xbb\xbf"):
        return UTF8
    declared = _declared(head)
    if declared is not None and declared != UTF8:
        return declared
    return UTF8 if _valid_utf8(chunks()) else _single_byte_guess(chunks)


def detect(data: bytes) -> str:
    """The encoding `data` is in: one of UTF8, CP1250, LATIN1."""
    return detect_chunks(lambda: [data])


class _Chunks(io.RawIOBase):
    """Bytes from an iterator of chunks, as a file."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def] - io's own signature
        while not self._rest:
            self._rest = next(self._chunks, None)  # type: ignore[assignment]
            if self._rest is None:
                self._rest = b""
                return 0
        size = min(len(buffer), len(self._rest))
        buffer[:size], self._rest = self._rest[:size], self._rest[size:]
        return size


def text_stream(chunks: Iterable[bytes], encoding: str) -> TextIO:
    """The text of the bytes as a stream read piece by piece, lines ending as the file ends
    them (newline=""), a leading byte-order mark dropped."""
    return io.TextIOWrapper(
        io.BufferedReader(_Chunks(chunks), CHUNK_BYTES),
        "utf-8-sig" if encoding == UTF8 else encoding,
        errors="strict" if encoding == UTF8 else "replace",
        newline="",
    )


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of `data` and the encoding used (detected unless given)."""
    encoding = encoding or detect(data)
    return text_stream([data], encoding).read(), encoding

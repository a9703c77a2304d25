"""Field-level encryption and blind indexes.

Ciphertext layout (stored as bytes in a VARBINARY/BLOB column)::

    version (1 byte) | key id (4 bytes) | nonce (12 bytes) | AES-256-GCM ciphertext + tag

The key id is derived from the key itself, so a value names the key that opens it and a
retired key keeps working until `cashbook keys rotate` has moved everything to the current one.
The associated data binds a value to its table, column, row and owner: a ciphertext copied to
another row, column or user fails to decrypt instead of showing the wrong person's data.

Blind indexes are truncated HMAC-SHA256 digests under a separate key, scoped by owner and
purpose, so equal values can be looked up (an IBAN, a bank's transaction id, the words of a
description) without decrypting the table, and equal values of two people do not match.

Nothing here reads settings or the environment: callers pass keys (see `field_cipher`).
"""

import hashlib
import hmac
import os
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Annotated, NamedTuple

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from fastapi import Depends

from cashbook.kit.deps import SettingsDep
from cashbook.kit.keys import KEY_ID_SIZE, decode_key, key_id

if TYPE_CHECKING:
    from cashbook.config import Settings

VERSION = 1
NONCE_SIZE = 12
HEADER_SIZE = 1 + KEY_ID_SIZE
BLIND_INDEX_SIZE = 16


class DecryptionFailed(Exception):
    """A stored value could not be opened: tampered, moved, or under an unknown key."""

    def __init__(self, context: "Context | None", why: str) -> None:
        where = f"{context.table}.{context.column} of {context.row_id}" if context else "a value"
        super().__init__(f"{where}: {why}")
        self.context = context
        self.why = why


class KeysMissing(RuntimeError):
    pass


_AAD_PREFIX = f"cashbook:v{VERSION}:"


@dataclass(frozen=True, slots=True)
class Context:
    """Where a value lives; every part is authenticated with it."""

    table: str
    column: str
    row_id: uuid.UUID
    owner_id: uuid.UUID

    def associated_data(self) -> bytes:
        return f"{_AAD_PREFIX}{self.table}:{self.column}:{self.row_id}:{self.owner_id}".encode()


class RowContext:
    """The associated data of one row's columns, with the ids formatted once."""

    __slots__ = ("owner_id", "row_id", "table", "_tail")

    def __init__(self, table: str, row_id: uuid.UUID, owner_id: uuid.UUID) -> None:
        self.table, self.row_id, self.owner_id = table, row_id, owner_id
        self._tail = f":{row_id}:{owner_id}"

    def associated_data(self, column: str) -> bytes:
        return f"{_AAD_PREFIX}{self.table}:{column}{self._tail}".encode()

    def column(self, column: str) -> Context:
        return Context(self.table, column, self.row_id, self.owner_id)


class FieldCipher:
    """Encrypts under the current key; decrypts under the current or any retired key.

    One `AESGCM` object per key, made once (creating one per call doubles the cost).
    """

    def __init__(self, current: bytes, retired: Iterable[bytes] = ()) -> None:
        self.current_key_id = key_id(current)
        self._current = AESGCM(current)
        self._keys = {key_id(key): AESGCM(key) for key in (*retired, current)}

    @property
    def key_ids(self) -> frozenset[bytes]:
        return frozenset(self._keys)

    def encrypt(self, plaintext: str | None, context: Context) -> bytes | None:
        return None if plaintext is None else self.encrypt_bytes(plaintext.encode(), context)

    def encrypt_bytes(self, data: bytes, context: Context) -> bytes:
        """Any bytes (a compressed statement file), not only text."""
        return self.seal(data, context.associated_data())

    def encrypt_row(
        self, texts: dict[str, str | None], where: RowContext
    ) -> dict[str, bytes | None]:
        """Several columns of one row (the write path seals thousands of rows a second)."""
        return {
            column: None
            if text is None
            else self.seal(text.encode(), where.associated_data(column))
            for column, text in texts.items()
        }

    def seal(self, data: bytes, associated_data: bytes) -> bytes:
        """Encrypt with associated data the caller formatted."""
        nonce = os.urandom(NONCE_SIZE)
        sealed = self._current.encrypt(nonce, data, associated_data)
        return bytes([VERSION]) + self.current_key_id + nonce + sealed

    def decrypt(self, blob: bytes | None, context: Context) -> str | None:
        if blob is None:
            return None
        return self.open(blob, context.associated_data(), context)

    def decrypt_bytes(self, blob: bytes, context: Context) -> bytes:
        return self.open_bytes(blob, context.associated_data(), context)

    def open(self, blob: bytes, associated_data: bytes, context: Context | None = None) -> str:
        """Decrypt with associated data the caller formatted (a listing formats each row's
        once); `context` only names the place in the error."""
        return self.open_bytes(blob, associated_data, context).decode()

    def open_bytes(
        self, blob: bytes, associated_data: bytes, context: Context | None = None
    ) -> bytes:
        if len(blob) < HEADER_SIZE + NONCE_SIZE + 16 or blob[0] != VERSION:
            raise DecryptionFailed(context, "not a ciphertext of a known format")
        aes = self._keys.get(blob[1:HEADER_SIZE])
        if aes is None:
            raise DecryptionFailed(context, f"unknown key id {bytes(blob[1:HEADER_SIZE]).hex()}")
        try:
            plain = aes.decrypt(
                blob[HEADER_SIZE : HEADER_SIZE + NONCE_SIZE],
                blob[HEADER_SIZE + NONCE_SIZE :],
                associated_data,
            )
        except InvalidTag:
            raise DecryptionFailed(context, "authentication failed") from None
        return plain

    @staticmethod
    def key_id_of(blob: bytes) -> bytes:
        return bytes(blob[1:HEADER_SIZE])

    def is_current(self, blob: bytes) -> bool:
        return self.key_id_of(blob) == self.current_key_id


_COMBINING = re.compile(r"[\u0300-\u036f]")
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Case- and diacritics-blind form: "Žabka" and "zabka" are the same."""
    decomposed = unicodedata.normalize("NFKD", text)
    return _COMBINING.sub("", decomposed).casefold()


def words_of(*texts: str | None) -> set[str]:
    return {word for text in texts if text for word in _WORD.findall(normalise(text))}


class BlindIndex:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def digest(self, purpose: str, owner_id: uuid.UUID, value: str) -> bytes:
        message = f"{purpose}\0{owner_id}\0{value}".encode()
        return hmac.digest(self._key, message, hashlib.sha256)[:BLIND_INDEX_SIZE]

    def iban(self, owner_id: uuid.UUID, iban: str) -> bytes:
        return self.digest("iban", owner_id, "".join(iban.split()).upper())

    def external_id(self, owner_id: uuid.UUID, account_id: uuid.UUID, external_id: str) -> bytes:
        return self.digest("external-id", owner_id, f"{account_id}\0{external_id}")

    def word(self, owner_id: uuid.UUID, word: str) -> bytes:
        return self.digest("word", owner_id, word)

    def words(self, owner_id: uuid.UUID, *texts: str | None) -> set[bytes]:
        return {self.word(owner_id, word) for word in words_of(*texts)}


@cache
def _cipher(current: str, retired: tuple[str, ...]) -> FieldCipher:
    return FieldCipher(decode_key(current), [decode_key(key) for key in retired])


@cache
def _blind_index(key: str) -> BlindIndex:
    return BlindIndex(decode_key(key))


def field_cipher(settings: "Settings") -> FieldCipher:
    current = settings.db_encryption_key.get_secret_value()
    if not current:
        raise KeysMissing("DB_ENCRYPTION_KEY is not set")
    retired = tuple(key.get_secret_value() for key in settings.db_encryption_retired_keys)
    return _cipher(current, retired)


def blind_index(settings: "Settings") -> BlindIndex:
    key = settings.db_blind_index_key.get_secret_value()
    if not key:
        raise KeysMissing("DB_BLIND_INDEX_KEY is not set")
    return _blind_index(key)


class Keys(NamedTuple):
    cipher: FieldCipher
    index: BlindIndex


def keys_for(settings: "Settings") -> Keys:
    return Keys(field_cipher(settings), blind_index(settings))


async def _keys(settings: SettingsDep) -> Keys:
    return keys_for(settings)


KeysDep = Annotated[Keys, Depends(_keys)]

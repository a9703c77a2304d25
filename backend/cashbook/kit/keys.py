"""The format of the field-encryption and blind-index keys (settings check it at start-up)."""

import base64
import binascii
import hashlib
import os

KEY_SIZE = 32
KEY_ID_SIZE = 4


def new_key() -> str:
    """A fresh key in the format the settings expect: 32 random bytes, URL-safe base64."""
    return base64.urlsafe_b64encode(os.urandom(KEY_SIZE)).decode()


def decode_key(text: str) -> bytes:
    """Accepts standard or URL-safe base64, with or without padding; must be 32 bytes."""
    cleaned = text.strip().replace("-", "+").replace("_", "/")
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        key = base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_SIZE:
        raise ValueError("not 32 bytes of base64")
    return key


def check_key(name: str, text: str) -> None:
    try:
        decode_key(text)
    except ValueError:
        raise ValueError(
            f"{name} must be 32 random bytes in base64 (`cashbook keys generate` prints one)"
        ) from None


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"cashbook key id\0" + key).digest()[:KEY_ID_SIZE]

"""Field encryption and blind indexes, without a database."""

import uuid

import pytest

from cashbook.kit.encryption import (
    BlindIndex,
    Context,
    DecryptionFailed,
    FieldCipher,
    RowContext,
    normalise,
    words_of,
)
from cashbook.kit.keys import check_key, decode_key, key_id, new_key

OWNER, OTHER, ROW, ROW2 = (uuid.uuid4() for _ in range(4))
HERE = Context("transactions", "description", ROW, OWNER)


def cipher(*retired: str, current: str | None = None) -> FieldCipher:
    return FieldCipher(decode_key(current or new_key()), [decode_key(k) for k in retired])


def test_round_trip_and_layout():
    key = new_key()
    box = cipher(current=key)
    blob = box.encrypt("Lékárna U Anděla", HERE)
    assert box.decrypt(blob, HERE) == "Lékárna U Anděla"
    assert blob[0] == 1 and blob[1:5] == key_id(decode_key(key))
    assert "Lékárna".encode() not in blob
    # A fresh nonce each time: equal values do not look equal in the database.
    assert box.encrypt("Lékárna U Anděla", HERE) != blob
    assert box.encrypt(None, HERE) is None and box.decrypt(None, HERE) is None


def test_every_flipped_byte_is_detected():
    box = cipher()
    blob = box.encrypt("canary", HERE)
    for position in range(len(blob)):
        tampered = bytearray(blob)
        tampered[position] ^= 0x01
        with pytest.raises(DecryptionFailed):
            box.decrypt(bytes(tampered), HERE)
    with pytest.raises(DecryptionFailed):
        box.decrypt(blob[:10], HERE)


@pytest.mark.parametrize(
    "elsewhere",
    [
        Context("transactions", "description", ROW2, OWNER),  # another row
        Context("transactions", "description", ROW, OTHER),  # another person
        Context("transactions", "note", ROW, OWNER),  # another column
        Context("accounts", "description", ROW, OWNER),  # another table
    ],
)
def test_a_moved_ciphertext_does_not_open(elsewhere):
    box = cipher()
    with pytest.raises(DecryptionFailed, match="authentication failed"):
        box.decrypt(box.encrypt("canary", HERE), elsewhere)


def test_retired_keys_still_read_and_unknown_keys_are_named():
    old = new_key()
    blob = cipher(current=old).encrypt("canary", HERE)
    rotated = cipher(old)
    assert rotated.decrypt(blob, HERE) == "canary"
    assert not rotated.is_current(blob)
    assert rotated.is_current(rotated.encrypt("canary", HERE))
    with pytest.raises(DecryptionFailed, match="unknown key id"):
        cipher().decrypt(blob, HERE)


def test_key_format():
    assert len(decode_key(new_key())) == 32
    standard = "a2V5LWZvci10ZXN0cy1vbmx5LW5vdC1hLXJlYWwtayE="
    assert decode_key(standard) == decode_key(standard.rstrip("="))
    for bad in ("", "short", "k" * 44, "!" * 44):
        with pytest.raises(ValueError, match="MY_KEY must be 32 random bytes"):
            check_key("MY_KEY", bad)


def test_normalisation_and_words():
    assert normalise("Žabka ŘEŘICHA") == "zabka rericha"
    assert words_of("Potraviny, Žabka s.r.o.", None, "DPP-jízdenka") == {
        "potraviny",
        "zabka",
        "s",
        "r",
        "o",
        "dpp",
        "jizdenka",
    }


def test_blind_indexes_are_keyed_and_scoped():
    index = BlindIndex(decode_key(new_key()))
    assert index.words(OWNER, "Žabka") == index.words(OWNER, "zabka")
    assert index.words(OWNER, "zabka") != index.words(OTHER, "zabka")
    assert index.iban(OWNER, "CZ65 0800 0000 1920 0014 5399") == index.iban(
        OWNER, "cz6508000000192000145399"
    )
    assert index.external_id(OWNER, ROW, "tx-1") != index.external_id(OWNER, ROW2, "tx-1")
    other_key = BlindIndex(decode_key(new_key()))
    assert other_key.word(OWNER, "zabka") != index.word(OWNER, "zabka")
    assert len(index.word(OWNER, "zabka")) == 16


def test_a_row_context_formats_the_same_associated_data():
    row = RowContext("transactions", ROW, OWNER)
    assert row.associated_data("description") == HERE.associated_data()
    box = cipher()
    blob = box.encrypt("canary", HERE)
    assert box.open(blob, row.associated_data("description")) == "canary"
    with pytest.raises(DecryptionFailed):
        box.open(blob, row.associated_data("note"), row.column("note"))

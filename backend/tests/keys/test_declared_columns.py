"""Encrypted and blind-indexed columns are declared once, on the models, and everything that
must know them (sealing, key rotation) reads that declaration. Without a database."""

import uuid

import pytest
from sqlalchemy import LargeBinary

from cashbook.kit.types import Digest
from cashbook.models import Account, Transaction
from cashbook.models.base import Base, encrypted_columns


def _models() -> list[type[Base]]:
    return [mapper.class_ for mapper in Base.registry.mappers]


def test_every_binary_column_is_declared_encrypted_so_rotation_covers_it():
    # Rotation walks `encrypted_columns()`: a binary column left out of a model's
    # `__encrypted__` would keep its old key forever, silently.
    rotated = {(model.__tablename__, column) for model, column in encrypted_columns()}
    binary = {
        (model.__tablename__, column.name)
        for model in _models()
        for column in model.__table__.columns
        if isinstance(column.type, LargeBinary)
    }
    assert binary - rotated == set()
    assert rotated - binary == set()  # and nothing declared that is not a stored blob


def test_every_digest_column_is_declared_a_blind_index():
    digests = {
        (model.__tablename__, column.name)
        for model in _models()
        for column in model.__table__.columns
        if isinstance(column.type, Digest)
    }
    declared = {(m.__tablename__, c) for m in _models() for c in m.__blind_indexed__}
    assert digests == declared


def test_the_associated_data_takes_the_table_from_the_model():
    row, owner = uuid.uuid4(), uuid.uuid4()
    context = Transaction.field_context("note", row, owner)
    assert (context.table, context.column) == ("transactions", "note")
    assert Account.field_context("iban", row, owner).table == Account.__tablename__
    with pytest.raises(KeyError):
        Transaction.field_context("currency", row, owner)  # not an encrypted column

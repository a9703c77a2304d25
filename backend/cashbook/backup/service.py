"""Backups of a one-machine Cashbook (SQLite) and restoring one into an empty data folder.

A backup is a folder: `cashbook.sqlite`, a consistent copy made with SQLite's online backup
API while Cashbook runs; `manifest.json` (when, the schema revision, rows per table, the
copy's SHA-256, and the ids of the keys that encrypted it); and, only when asked for,
`keys.enc`, the keys sealed with a passphrase (scrypt, then AES-256-GCM). Without the keys the
encrypted fields of a backup cannot be read, so they are kept apart unless asked for.

The broker's queue (`broker.sqlite`) is left out: what it held is found again by the periodic
jobs (the outbox drain, imports-resend, bank sync). On MariaDB the operator's own dumps
(`mariadb-dump --single-transaction`, docs/operations.md) are the backup.
"""

import base64
import hashlib
import json
import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from pydantic import SecretStr
from sqlalchemy.engine import make_url

from cashbook.config import LOCAL_SECRETS, Settings
from cashbook.kit.keys import decode_key, key_id

FORMAT = 1
DATABASE_FILE = "cashbook.sqlite"
MANIFEST_FILE = "manifest.json"
KEYS_FILE = "keys.enc"
_KEYS_AAD = b"cashbook backup keys v1"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class BackupError(Exception):
    """Why a backup or a restore cannot go on, in words for the person running it."""


@dataclass
class BackupResult:
    folder: Path
    manifest: dict[str, Any]


def sqlite_path(settings: Settings) -> Path:
    if not settings.uses_sqlite:
        raise BackupError(
            "the database is not SQLite: back up MariaDB with mariadb-dump "
            "--single-transaction (docs/operations.md, Backups)"
        )
    return Path(make_url(settings.sqlalchemy_url).database or "")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _key_ids(settings: Settings) -> dict[str, str]:
    """Fingerprints (not the keys) of the keys this database needs."""
    ids = {}
    for name, value in (
        ("encryption", settings.db_encryption_key),
        ("blind_index", settings.db_blind_index_key),
    ):
        if value.get_secret_value():
            ids[name] = key_id(decode_key(value.get_secret_value())).hex()
    return ids


def _describe(copy: Path) -> tuple[list[str], dict[str, int]]:
    with closing(sqlite3.connect(copy)) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        # The names come from SQLite's own catalogue.
        count = 'SELECT count(*) FROM "{}"'
        counts = {name: db.execute(count.format(name)).fetchone()[0] for name in tables}
        revisions = (
            [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]
            if "alembic_version" in tables
            else []
        )
    return sorted(revisions), counts


def seal_keys(keys: dict[str, str], passphrase: str) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    key = Scrypt(salt=salt, length=32, **_SCRYPT).derive(passphrase.encode())
    sealed = AESGCM(key).encrypt(nonce, json.dumps(keys).encode(), _KEYS_AAD)
    encode = base64.b64encode
    return {
        "kdf": "scrypt",
        **_SCRYPT,
        "salt": encode(salt).decode(),
        "nonce": encode(nonce).decode(),
        "ciphertext": encode(sealed).decode(),
    }


def open_keys(sealed: dict[str, Any], passphrase: str) -> dict[str, str]:
    decode = base64.b64decode
    scrypt = Scrypt(
        salt=decode(sealed["salt"]), length=32, n=sealed["n"], r=sealed["r"], p=sealed["p"]
    )
    try:
        plain = AESGCM(scrypt.derive(passphrase.encode())).decrypt(
            decode(sealed["nonce"]), decode(sealed["ciphertext"]), _KEYS_AAD
        )
    except InvalidTag:
        raise BackupError("the passphrase does not open the backup's keys") from None
    return json.loads(plain)


def backup(settings: Settings, destination: Path, passphrase: str | None = None) -> BackupResult:
    """Copy the database into a new folder under `destination`; with a passphrase, the keys
    too (sealed)."""
    source = sqlite_path(settings)
    if not source.is_file():
        raise BackupError(f"there is no database at {source}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = destination / f"cashbook-{stamp}"
    destination.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=0o700)  # it holds everyone's data: for the operator's eyes only
    except FileExistsError:
        raise BackupError(f"{folder} exists already; wait a second and try again") from None
    copy = folder / DATABASE_FILE
    # The online backup API copies a consistent state even while the API and the workers
    # write: a transaction still running is not in it, a committed one is, whole.
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as live,
        closing(sqlite3.connect(copy)) as out,
    ):
        live.backup(out)
    revisions, counts = _describe(copy)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": "sqlite",
        "file": DATABASE_FILE,
        "bytes": copy.stat().st_size,
        "sha256": _sha256(copy),
        "schema_revisions": revisions,
        "rows": counts,
        "key_ids": _key_ids(settings),
        "keys": None,
    }
    if passphrase is not None:
        keys = {field: getattr(settings, field).get_secret_value() for field, *_ in LOCAL_SECRETS}
        (folder / KEYS_FILE).write_text(json.dumps(seal_keys(keys, passphrase)))
        manifest["keys"] = KEYS_FILE
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
    return BackupResult(folder, manifest)


def key_locations(settings: Settings) -> list[str]:
    """Where this installation's keys come from, for the reminder after a backup."""
    found = []
    for field, file_name, what, _make in LOCAL_SECRETS:
        key_file = settings.data_dir / file_name
        found.append(f"{what}: {key_file}" if key_file.is_file() else f"{what}: {field.upper()}")
    return found


def restore(settings: Settings, folder: Path, passphrase: str | None = None) -> dict[str, Any]:
    """Put backup `folder` into the (empty or missing) data folder; returns its manifest.

    Nothing is written until the copy's checksum, the passphrase and the keys are checked.
    """
    target = sqlite_path(settings)
    data_dir = settings.data_dir
    if data_dir.exists() and any(data_dir.iterdir()):
        raise BackupError(f"{data_dir} is not empty: restore into a new or empty data folder")
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text())
    except (OSError, ValueError):
        raise BackupError(f"{folder} is not a Cashbook backup (no readable manifest)") from None
    if manifest.get("format") != FORMAT or manifest.get("database") != "sqlite":
        raise BackupError(f"{folder} is a backup this version cannot restore")
    copy = folder / manifest["file"]
    if not copy.is_file() or _sha256(copy) != manifest["sha256"]:
        raise BackupError(f"{copy} is missing or damaged (its checksum differs)")
    keys: dict[str, str] = {}
    if manifest.get("keys"):
        if passphrase is None:
            raise BackupError("this backup holds its keys: give the passphrase")
        keys = open_keys(json.loads((folder / manifest["keys"]).read_text()), passphrase)
        for field, value in keys.items():
            if value and not getattr(settings, field).get_secret_value():
                setattr(settings, field, SecretStr(value))
    expected, present = manifest.get("key_ids", {}), _key_ids(settings)
    wrong = [name for name, value in expected.items() if present.get(name, value) != value]
    if wrong:
        raise BackupError(
            f"the {' and '.join(wrong)} key set here is not the one this backup was made with"
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".restoring")
    shutil.copyfile(copy, partial)
    partial.rename(target)
    for field, file_name, _what, _make in LOCAL_SECRETS:
        if keys.get(field):
            key_file = data_dir / file_name
            key_file.write_text(keys[field])
            key_file.chmod(0o600)
    return manifest

"""Statement imports: a file comes in with the account it belongs to, is kept (compressed,
encrypted) until a worker reads it, and goes through the same ingest as a bank sync. A file
that cannot be read in full writes nothing and says why, line by line."""

import io
import json
import re
import uuid
import zlib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import BinaryIO

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.repository import AccountRepository
from cashbook.accounts.service import iban_context, number_context
from cashbook.balances.service import balance_service
from cashbook.config import Settings
from cashbook.history.service import Actor
from cashbook.imports.encoding import CHUNK_BYTES
from cashbook.imports.parsers import (
    ColumnMapping,
    FormatMismatch,
    Statement,
    UnknownFormat,
    sniff,
)
from cashbook.imports.records import (
    Fingerprints,
    ParsedFile,
    StatementAccount,
    StatementUnreadable,
    repeated_ids,
)
from cashbook.imports.repository import ImportRepository
from cashbook.imports.schemas import (
    ImportFailure,
    ImportProblem,
    ImportRead,
    TransactionOriginRead,
)
from cashbook.kit import metrics
from cashbook.kit.encryption import Context, Keys, keys_for
from cashbook.kit.errors import CashbookError, NotFound
from cashbook.ledger.normalise import check
from cashbook.ledger.records import EntryError, LedgerResult, StatementRecord
from cashbook.ledger.repository import LedgerRepository
from cashbook.ledger.service import ledger_service
from cashbook.models import Account, StatementImport, TransactionOrigin, User
from cashbook.models.base import utcnow
from cashbook.models.statement_import import ImportStatus
from cashbook.models.transaction import TransactionSource
from cashbook.models.transaction_version import ActorKind
from cashbook.notifications import messages
from cashbook.notifications.service import MailService
from cashbook.transfers.service import transfer_service
from cashbook.worker.jobs import JobContext, enqueue_job

log = structlog.get_logger(__name__)

IMPORT_JOB = "imports.run"
MAX_ERRORS_KEPT = 100
# A running import whose worker has said nothing for this long is taken over (or resent).
STALE_AFTER = timedelta(minutes=30)
RESEND_AFTER = timedelta(minutes=10)


class ImportNotFound(NotFound):
    code = "IMPORT_NOT_FOUND"


class ImportAccountNotFound(NotFound):
    code = "ACCOUNT_NOT_FOUND"


class OriginNotFound(NotFound):
    code = "TRANSACTION_ORIGIN_NOT_FOUND"


class EmptyFile(CashbookError):
    status_code = 422
    code = "IMPORT_EMPTY_FILE"


class FileTooLarge(CashbookError):
    status_code = 413
    code = "IMPORT_TOO_LARGE"


class UnsupportedFormat(CashbookError):
    status_code = 415
    code = "IMPORT_UNSUPPORTED_FORMAT"


class UnreadableFile(CashbookError):
    status_code = 422
    code = "IMPORT_UNREADABLE"


class WrongFormat(CashbookError):
    status_code = 422
    code = "IMPORT_FORMAT_MISMATCH"


class BadMapping(CashbookError):
    status_code = 422
    code = "IMPORT_BAD_MAPPING"


def _entries(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


def _context(column: str, row: StatementImport) -> Context:
    return StatementImport.field_context(column, row.id, row.user_id)


def parse_mapping(text: str | None) -> ColumnMapping | None:
    """The column mapping of a generic CSV, given as a JSON object in a form field."""
    if text is None or not text.strip():
        return None
    try:
        return ColumnMapping.model_validate_json(text)
    except ValueError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'mapping'}: {e['msg']}"
            for e in getattr(error, "errors", lambda: [])()
        )
        raise BadMapping(f"The column mapping is not valid ({problems or 'not JSON'}).") from None


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _same_account(statement: StatementAccount, iban: str | None, number: str | None) -> bool | None:
    """Whether a statement is about the account with this IBAN or account number; None when
    it cannot tell."""
    if number and statement.number and _compact(statement.number) == _compact(number):
        return True
    if statement.iban:
        return iban is not None and "".join(statement.iban.split()).upper() == iban
    if not statement.number:
        return None
    if not iban:
        return False if number else None
    account_number, _, bank = statement.number.partition("/")
    if iban.startswith("CZ") and len(iban) == 24:
        # A Czech account number: [prefix-]number/bank code, as the IBAN's last 20 digits.
        if bank and _digits(bank) != iban[4:8]:
            return False
        return int(_digits(account_number) or "0") == int(iban[8:])
    return _digits(account_number) == _digits(iban[4:])


def _compact(text: str) -> str:
    return "".join(text.split()).upper()


class AccountChoiceError(Exception):
    pass


def statements_for(parsed: ParsedFile, iban: str | None, number: str | None = None) -> list[int]:
    """The indices of the file's statements that belong to the account (a file may hold
    several accounts' statements)."""
    statements = parsed.statements
    everything = list(range(len(statements)))
    if iban or number:
        verdicts = [_same_account(s.account, iban, number) for s in statements]
        if any(verdicts):
            return [index for index in everything if verdicts[index] is not False]
        if all(verdict is None for verdict in verdicts):
            return everything
        others = sorted(
            {s.account.label() for s, v in zip(statements, verdicts, strict=True) if v is False}
        )
        raise AccountChoiceError(
            f"The file is for account {', '.join(others)}, not for this account."
        )
    labels = {s.account.label() for s in statements if s.account.iban or s.account.number}
    if len(labels) > 1:
        raise AccountChoiceError(
            f"The file holds statements of {len(labels)} accounts ({', '.join(sorted(labels))}); "
            "give this account its IBAN or account number so Cashbook can pick its statements."
        )
    return everything


@dataclass(slots=True)
class _Tally:
    """What the first reading of a file learns of one statement's records: a file is read
    twice, once to check all of it (one that cannot be read in full writes nothing) and once
    to store it chunk by chunk, so it is never held whole."""

    count: int = 0
    earliest: date | None = None
    ids: Counter[str] = field(default_factory=Counter)
    problems: list[EntryError] = field(default_factory=list)


def _survey(statement: Statement, account: Account) -> tuple[ParsedFile, list[_Tally]]:
    parsed = ParsedFile(format=statement.kind, encoding=statement.encoding)
    tallies: list[_Tally] = []
    for index, record in statement.stream(parsed):
        tallies += [_Tally() for _ in range(index + 1 - len(tallies))]
        tally = tallies[index]
        tally.count += 1
        if tally.earliest is None or record.booked_on < tally.earliest:
            tally.earliest = record.booked_on
        if record.external_id:
            tally.ids[record.external_id] += 1
        tally.problems += check(account, (record,))
    tallies += [_Tally() for _ in range(len(parsed.statements) - len(tallies))]
    return parsed, tallies


def _identified(
    statement: Statement, format: str, chosen: list[int], repeated: set[str]
) -> Iterator[StatementRecord]:
    """The chosen statements' records, read again, each with the id that identifies it."""
    wanted = set(chosen)
    fingerprints = Fingerprints(format.split(".")[0])
    for index, record in statement.stream(ParsedFile(statement.kind, statement.encoding)):
        if index not in wanted:
            continue
        if record.external_id in repeated:
            record.external_id = None
        fingerprints.assign(record)
        yield record


def _pieces(file: BinaryIO) -> Iterator[bytes]:
    """An uploaded file from its start, piece by piece (it is spooled to disk, not held)."""
    file.seek(0)
    while piece := file.read(CHUNK_BYTES):
        yield piece


def _deflate(pieces: Iterable[bytes]) -> bytes:
    compressor = zlib.compressobj(6)
    return b"".join([*(compressor.compress(piece) for piece in pieces), compressor.flush()])


def _inflate(compressed: bytes) -> Iterator[bytes]:
    """The stored file, piece by piece."""
    inflater = zlib.decompressobj()
    rest = compressed
    while rest:
        yield inflater.decompress(rest, CHUNK_BYTES)
        rest = inflater.unconsumed_tail
    yield inflater.flush()


class ImportService:
    # The API side

    async def create(
        self,
        session: AsyncSession,
        keys: Keys,
        settings: Settings,
        user_id: uuid.UUID,
        account_id: uuid.UUID,
        file: BinaryIO,
        file_name: str | None,
        format: str | None,
        mapping_text: str | None,
        *,
        enqueue: bool = True,
    ) -> StatementImport:
        await AccountRepository(session).get_or_raise(
            user_id, account_id, ImportAccountNotFound("No such account.")
        )
        size = file.seek(0, io.SEEK_END)
        if size > settings.import_max_bytes:
            raise FileTooLarge(
                f"The file is larger than the limit of {settings.import_max_bytes // 1024} KiB."
            )
        if not any(piece.strip() for piece in _pieces(file)):
            raise EmptyFile("The file is empty.")
        mapping = parse_mapping(mapping_text)
        try:
            sniff(lambda: _pieces(file), format, mapping)
        except UnknownFormat as error:
            raise UnsupportedFormat(error.message) from None
        except FormatMismatch as error:
            raise WrongFormat(error.message) from None
        except StatementUnreadable as error:
            raise UnreadableFile(error.message) from None
        row = StatementImport(
            id=uuid.uuid4(),
            user_id=user_id,
            account_id=account_id,
            size_bytes=size,
            requested_format=format,
            mapping=mapping.model_dump_json(exclude_none=True) if mapping else None,
            status=ImportStatus.queued,
        )
        row.file_name = keys.cipher.encrypt(
            (file_name or "")[:255] or None, _context("file_name", row)
        )
        row.content = keys.cipher.encrypt_bytes(_deflate(_pieces(file)), _context("content", row))
        await ImportRepository(session).add(row)
        if enqueue:
            enqueue_job(session, IMPORT_JOB, str(row.id))
        return row

    def read(self, keys: Keys, row: StatementImport) -> ImportRead:
        error = (
            ImportFailure(code=row.error_code, reason=row.message or "") if row.error_code else None
        )
        return ImportRead(
            id=row.id,
            account_id=row.account_id,
            file_name=keys.cipher.decrypt(row.file_name, _context("file_name", row)),
            status=row.status,
            format=row.format,
            encoding=row.encoding,
            size_bytes=row.size_bytes,
            total=row.total,
            created=row.created,
            duplicates=row.duplicates,
            error=error,
            errors=[ImportProblem(**problem) for problem in json.loads(row.errors or "[]")],
            created_at=row.created_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
        )

    async def get(
        self, session: AsyncSession, keys: Keys, user: User, import_id: uuid.UUID
    ) -> ImportRead:
        row = await ImportRepository(session).get_or_raise(
            user.id, import_id, ImportNotFound("No such import.")
        )
        return self.read(keys, row)

    async def all_for(self, session: AsyncSession, keys: Keys, user: User) -> list[ImportRead]:
        rows = await ImportRepository(session).list(user.id, StatementImport.created_at.desc())
        return [self.read(keys, row) for row in rows]

    async def origin(
        self, session: AsyncSession, keys: Keys, user: User, transaction_id: uuid.UUID
    ) -> TransactionOriginRead:
        row = await LedgerRepository(session).origin(user.id, transaction_id)
        if row is None:
            raise OriginNotFound("This transaction has no recorded origin.")
        details = json.loads(
            keys.cipher.decrypt(
                row.details, TransactionOrigin.field_context("details", row.id, row.user_id)
            )
            or "{}"
        )
        return TransactionOriginRead(
            transaction_id=row.id,
            source="import" if row.import_id else "bank",
            connection_id=row.connection_id,
            import_id=row.import_id,
            pending=row.pending,
            raw=keys.cipher.decrypt(
                row.raw, TransactionOrigin.field_context("raw", row.id, row.user_id)
            ),
            **{
                key: details.get(key)
                for key in (
                    "variable_symbol",
                    "specific_symbol",
                    "constant_symbol",
                    "exchange_rate",
                    "reservation_id",
                )
            },
        )

    # The worker side

    async def claim(self, session: AsyncSession, import_id: uuid.UUID) -> bool:
        """Take a queued import, or one whose worker has said nothing for too long."""
        now = utcnow()
        return await ImportRepository(session).claim(import_id, now, now - STALE_AFTER)

    async def requeue(self, session: AsyncSession, import_id: uuid.UUID) -> None:
        await ImportRepository(session).requeue(import_id)

    async def run(
        self,
        session: AsyncSession,
        settings: Settings,
        import_id: uuid.UUID,
        progress: Callable[[int, int], None] | None = None,
        commit: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """Read the whole file of a claimed import (one that cannot be read in full writes
        nothing), then read it again and store its transactions chunk by chunk, calling
        `commit` after each with the progress made: a long import never holds the write lock
        for long, and one whose worker died resumes after the last stored chunk."""
        keys = keys_for(settings)
        row = await session.get(StatementImport, import_id)
        account = await session.get(Account, row.account_id) if row else None
        if row is None or account is None:
            return
        try:
            await self._read_and_ingest(session, keys, row, account, progress, commit)
        except _ImportFailed as failure:
            self._finish(row, ImportStatus.failed, failure.code, failure.reason, failure.errors)
            log.info("import failed", import_id=str(row.id), code=failure.code)
            return
        self._finish(row, ImportStatus.succeeded, None, None, [])
        log.info("import finished", import_id=str(row.id), created=row.created)
        await self._notify(session, settings, keys, row)

    async def _read_and_ingest(
        self,
        session: AsyncSession,
        keys: Keys,
        row: StatementImport,
        account: Account,
        progress: Callable[[int, int], None] | None,
        commit: Callable[[], Awaitable[None]] | None,
    ) -> None:
        if row.content is None:
            raise _ImportFailed(
                "IMPORT_FILE_GONE", "The file is no longer stored; upload it again."
            )
        compressed = keys.cipher.decrypt_bytes(row.content, _context("content", row))
        mapping = ColumnMapping.model_validate_json(row.mapping) if row.mapping else None
        try:
            statement = sniff(lambda: _inflate(compressed), row.requested_format, mapping)
            parsed, tallies = _survey(statement, account)
        except StatementUnreadable as error:
            raise _ImportFailed("IMPORT_UNREADABLE", error.message, error.errors) from None
        row.format, row.encoding = parsed.format, parsed.encoding
        if parsed.errors:
            raise _ImportFailed(
                "IMPORT_INVALID_ENTRIES",
                f"{_entries(len(parsed.errors))} of the file could not be read; nothing was "
                "imported. Fix them (or remove them) and import the file again.",
                parsed.errors,
            )
        iban = keys.cipher.decrypt(account.iban, iban_context(account.id, account.user_id))
        number = keys.cipher.decrypt(account.number, number_context(account.id, account.user_id))
        try:
            chosen = statements_for(parsed, iban, number)
        except AccountChoiceError as error:
            raise _ImportFailed("IMPORT_WRONG_ACCOUNT", str(error)) from None
        row.total = sum(tallies[index].count for index in chosen)
        problems = [problem for index in chosen for problem in tallies[index].problems]
        if problems:
            raise _ImportFailed(
                "IMPORT_INVALID_ENTRIES",
                f"{_entries(len(problems))} {'does' if len(problems) == 1 else 'do'} not fit this "
                "account; nothing was imported.",
                problems,
            )
        repeated = repeated_ids(sum((tallies[index].ids for index in chosen), Counter()))
        created, duplicates = row.created, row.duplicates  # by an earlier run that stopped

        async def checkpoint(result: LedgerResult, done: int) -> None:
            row.created = created + result.created
            row.duplicates = duplicates + result.skipped
            row.processed, row.started_at = done, utcnow()  # progress, and a heartbeat
            if commit is not None:
                await commit()
            if progress is not None:
                progress(done, row.total or 0)

        # The second reading: the same records again, one chunk at a time into the ledger.
        await ledger_service.ingest(
            session,
            keys,
            account,
            _identified(statement, parsed.format, chosen, repeated),
            source=TransactionSource.import_,
            import_id=row.id,
            start=row.processed,
            checkpoint=checkpoint,
        )
        for index in chosen:
            closing = parsed.statements[index].closing
            if closing is not None:
                await balance_service.check_statement(session, account, closing, row.id)
        earliest = [tallies[i].earliest for i in chosen if tallies[i].earliest is not None]
        if earliest:
            actor = Actor(ActorKind.import_, row.id)
            await transfer_service.match_account(session, keys, account, min(earliest), actor)

    def _finish(
        self,
        row: StatementImport,
        status: ImportStatus,
        code: str | None,
        message: str | None,
        errors: list[EntryError],
    ) -> None:
        row.status, row.error_code, row.message = status, code, message
        kept = [
            {"position": e.position, "unit": e.unit, "message": e.message}
            for e in errors[:MAX_ERRORS_KEPT]
        ]
        row.errors = json.dumps(kept) if kept else None
        row.content = None  # read once; nothing of the file stays behind
        row.finished_at = utcnow()
        base = (row.format or "").split(".")[0]
        label = "ofx" if base == "qfx" else base if base in metrics.IMPORT_FORMATS else "unknown"
        outcome = "success" if status is ImportStatus.succeeded else "failure"
        metrics.IMPORTS.labels(label, outcome).inc()
        metrics.IMPORT_ROWS.labels(label).inc(row.total or 0)

    async def _notify(
        self, session: AsyncSession, settings: Settings, keys: Keys, row: StatementImport
    ) -> None:
        user = await session.get(User, row.user_id)
        if user is None:
            return
        file_name = keys.cipher.decrypt(row.file_name, _context("file_name", row)) or "a file"
        link = f"{settings.web_url}/accounts/{row.account_id}"
        message = messages.import_finished(
            user.email,
            user.first_name,
            file_name,
            row.created,
            row.duplicates,
            link,
            user.id,
            user.language,
        )
        await MailService(settings, session).send(message)

    async def give_up(self, session: AsyncSession, import_id: uuid.UUID) -> None:
        """An import whose job will not be tried again fails, saying how far it got."""
        row = await session.get(StatementImport, import_id)
        if row is not None and row.status in (ImportStatus.queued, ImportStatus.running):
            reason = "The import stopped unexpectedly; nothing was imported. Try again."
            if row.processed:
                reason = (
                    f"The import stopped unexpectedly after {row.processed} of {row.total} "
                    "entries; import the file again to add the rest (what is stored is skipped)."
                )
            self._finish(row, ImportStatus.failed, "IMPORT_CRASHED", reason, [])

    async def resend_lost(self, ctx: JobContext) -> str:
        """Enqueue again the imports whose job was lost (a broker that was down)."""
        now = utcnow()
        waiting = await ImportRepository(ctx.session).waiting(now - RESEND_AFTER, now - STALE_AFTER)
        for import_id in waiting:
            enqueue_job(ctx.session, IMPORT_JOB, str(import_id))
        return f"re-sent {len(waiting)} import(s)"


class _ImportFailed(Exception):
    def __init__(self, code: str, reason: str, errors: list[EntryError] | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.errors = errors or []


import_service = ImportService()

"""`cashbook keys status`, `rotate` and `verify`: the terminal side of key rotation and of the
restore drill."""

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from cashbook.config import Settings
from cashbook.keys.service import key_service
from cashbook.kit.db import session_scope
from cashbook.kit.encryption import field_cipher
from cashbook.worker.publishing import command_sessions


def _key_name(settings: Settings, key_id: bytes) -> str:
    cipher = field_cipher(settings)
    if key_id == cipher.current_key_id:
        return f"{key_id.hex()} (current)"
    if key_id in cipher.key_ids:
        return f"{key_id.hex()} (retired)"
    return f"{key_id.hex()} (UNKNOWN: not configured, unreadable)"


async def print_status(settings: Settings) -> None:
    async with command_sessions(settings) as sessionmaker, session_scope(sessionmaker) as session:
        columns = await key_service.status(session)
    table = Table("column", "key id", "values")
    totals: dict[bytes, int] = {}
    for column in columns:
        for key_id, count in sorted(column.by_key.items()):
            table.add_row(
                f"{column.table}.{column.column}", _key_name(settings, key_id), str(count)
            )
            totals[key_id] = totals.get(key_id, 0) + count
    console = Console()
    console.print(table)
    for key_id, count in sorted(totals.items()):
        console.print(f"{_key_name(settings, key_id)}: {count} values")
    if not totals:
        console.print("no encrypted values stored yet")


async def rotate(settings: Settings, batch_size: int) -> int:
    """Exit status: 0 when every value is on the current key, 1 when some could not be read."""
    cipher = field_cipher(settings)
    console = Console()
    async with command_sessions(settings) as sessionmaker:
        async with session_scope(sessionmaker) as session:
            pending = await key_service.pending(session, cipher)
        columns = [
            TextColumn("re-encrypting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        ]
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("rotate", total=pending)
            result = await key_service.rotate(
                sessionmaker,
                cipher,
                batch_size=batch_size,
                progress=lambda n: progress.advance(task, n),
            )
    console.print(
        f"re-encrypted {result.rotated} values under key {cipher.current_key_id.hex()}"
        + (
            f"; {result.skipped_changed} changed meanwhile (already current)"
            if result.skipped_changed
            else ""
        )
    )
    if result.failed:
        console.print(f"[red]{len(result.failed)} values could not be decrypted:[/red]")
        for where in result.failed[:20]:
            console.print(f"  {where}")
        return 1
    console.print("every value is on the current key; retired keys can be removed")
    return 0


async def verify(settings: Settings, batch_size: int) -> int:
    """Exit status: 0 when every stored value decrypts with the configured keys, 1 otherwise."""
    async with command_sessions(settings) as sessionmaker:
        result = await key_service.verify(
            sessionmaker, field_cipher(settings), batch_size=batch_size
        )
    console = Console()
    if result.failed:
        console.print(f"[red]{len(result.failed)} values could not be decrypted:[/red]")
        for where in result.failed[:20]:
            console.print(f"  {where}")
        return 1
    console.print(f"all {result.read} encrypted values decrypt with the configured keys")
    return 0

"""`cashbook demo seed`: the terminal side of the demonstration data."""

from rich.console import Console

from cashbook.config import Settings
from cashbook.demo.service import UnknownUser, demo_service
from cashbook.kit.db import session_scope
from cashbook.kit.encryption import keys_for
from cashbook.worker.publishing import command_sessions


async def seed(settings: Settings, email: str) -> int:
    console = Console()
    try:
        async with (
            command_sessions(settings) as sessionmaker,
            session_scope(sessionmaker) as session,
        ):
            with console.status("writing a year of transactions and exchange rates"):
                result = await demo_service.seed(
                    session, keys_for(settings), email, rates_base=settings.rates_base
                )
    except UnknownUser as error:
        console.print(f"[red]error:[/red] {error.reason}")
        return 1
    console.print(
        f"{result.created} transactions added for {email}"
        + (f" ({result.skipped} already there)" if result.skipped else "")
    )
    return 0

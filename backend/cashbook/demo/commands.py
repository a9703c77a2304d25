"""`cashbook demo seed`: the terminal side of the demonstration data."""

from rich.console import Console

from cashbook.config import Settings
from cashbook.demo.service import UnknownUser, demo_service
from cashbook.kit.db import create_engine, create_sessionmaker, session_scope
from cashbook.kit.encryption import keys_for


async def seed(settings: Settings, email: str) -> int:
    console = Console()
    engine = create_engine(settings)
    try:
        async with session_scope(create_sessionmaker(engine)) as session:
            with console.status("writing a year of transactions"):
                result = await demo_service.seed(session, keys_for(settings), email)
    except UnknownUser as error:
        console.print(f"[red]error:[/red] {error.reason}")
        return 1
    finally:
        await engine.dispose()
    console.print(
        f"{result.created} transactions added for {email}"
        + (f" ({result.skipped} already there)" if result.skipped else "")
    )
    return 0

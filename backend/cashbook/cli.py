"""The `cashbook` command line."""

import asyncio
import logging
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from pydantic import ValidationError

from cashbook.config import LOCAL_SECRETS, get_settings
from cashbook.cron.admin import run_job_now
from cashbook.cron.service import CRON_JOBS
from cashbook.demo.commands import seed
from cashbook.keys.commands import print_status, rotate, verify
from cashbook.kit import alembic, metrics
from cashbook.kit.keys import new_key
from cashbook.users.admin import create_admin as create
from cashbook.users.admin import set_role
from cashbook.worker import embedded, liveness
from cashbook.worker import observability as worker_observability
from cashbook.worker.app import celery_app_for, declare_dead_letters
from cashbook.worker.jobs import MAIL_QUEUE, QUEUES, Progress
from cashbook.worker.supervisor import Child, follow_supervisor, supervise

app = typer.Typer(no_args_is_help=True, help="Cashbook: a self-hosted personal finance tracker.")
db_app = typer.Typer(no_args_is_help=True, help="Database schema (Alembic migrations).")
users_app = typer.Typer(no_args_is_help=True, help="Manage users.")
jobs_app = typer.Typer(no_args_is_help=True, help="Periodic jobs (what cron and beat run).")
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(jobs_app, name="jobs")
PASS_THROUGH = {"allow_extra_args": True, "ignore_unknown_options": True}
keys_app = typer.Typer(no_args_is_help=True, help="Field-encryption keys.")
demo_app = typer.Typer(no_args_is_help=True, help="Demonstration data.")
app.add_typer(keys_app, name="keys")
app.add_typer(demo_app, name="demo")


@app.callback()
def before_every_command() -> None:
    follow_supervisor()  # a child of `cashbook run` ends with it


VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Write the log lines (to stderr) too.")
]


def quiet_logs(verbose: bool) -> None:
    """A command a person runs prints its result; its log lines (on stderr) only when asked
    for, warnings and errors always."""
    if not verbose:
        root = logging.getLogger()
        root.setLevel(max(root.level, logging.WARNING))


@contextmanager
def progress_bar(description: str) -> Iterator[Progress]:
    """A bar on stderr while `description` runs, gone when it ends; nothing off a terminal.
    Yields the `(done, total)` callback jobs report to."""
    from rich.console import Console
    from rich.progress import Progress as Bar

    console = Console(stderr=True)
    with Bar(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task(description, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to bind (default CASHBOOK_HOST).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default CASHBOOK_PORT).")] = None,
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development).")] = False,
) -> None:
    """Serve the API."""
    settings = get_settings()
    host, port = host or settings.host, port or settings.port
    docs = f"  (API docs: http://{host}:{port}/docs)" if settings.api_docs else ""
    typer.echo(f"Cashbook is listening on http://{host}:{port}/{docs}")
    uvicorn.run(
        "cashbook.app:create_app",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        log_config=None,
        server_header=False,
        # Live-event streams (/events) never end by themselves: stopping cancels them after
        # this long instead of waiting for every browser to go away.
        timeout_graceful_shutdown=5,
    )


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    settings = get_settings()
    alembic.upgrade(settings, revision)
    typer.echo(f"database at {revision}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="Target, e.g. -1 or base.")]) -> None:
    """Revert migrations down to REVISION."""
    settings = get_settings()
    alembic.downgrade(settings, revision)
    typer.echo(f"database at {revision}")


@users_app.command("create-admin")
def create_admin(
    email: str,
    password: Annotated[
        str,
        typer.Option(
            prompt=True, hide_input=True, confirmation_prompt=True, help="Asked for when omitted."
        ),
    ],
    first_name: Annotated[str, typer.Option()] = "Admin",
    last_name: Annotated[str, typer.Option()] = "Cashbook",
) -> None:
    """Create a verified administrator."""
    settings = get_settings()
    try:
        user = asyncio.run(create(settings, email, password, first_name, last_name))
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"administrator {user.email} created ({user.id})")


@users_app.command("promote")
def promote(email: str) -> None:
    """Make an existing user an administrator."""
    _set_role(email, admin=True)


@users_app.command("demote")
def demote(email: str) -> None:
    """Make an administrator an ordinary user again."""
    _set_role(email, admin=False)


def _set_role(email: str, *, admin: bool) -> None:
    try:
        user = asyncio.run(set_role(get_settings(), email, admin=admin))
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"{user.email} is now {user.role}")


@app.command(context_settings=PASS_THROUGH)
def worker(
    ctx: typer.Context,
    queues: Annotated[str, typer.Option(help="Queues to consume.")] = ",".join(QUEUES),
    concurrency: Annotated[
        int | None, typer.Option(help="Worker processes (default CASHBOOK_WORKER_CONCURRENCY).")
    ] = None,
    recover: Annotated[
        bool,
        typer.Option(
            help="On the embedded broker, put back what a stopped worker had taken "
            "(only when no other worker is running)."
        ),
    ] = True,
) -> None:
    """Run a Celery worker (further options go to Celery)."""
    metrics.enable_multiprocess(sys.argv[1:])
    settings = get_settings()
    celery = celery_app_for(settings)
    declare_dead_letters(celery)
    worker_observability.start(settings)
    liveness.install_heartbeat(celery, settings)
    if settings.uses_embedded_broker and recover:
        # One machine has one such worker: what is still taken was taken by one that died.
        recovered = embedded.recover_orphans(celery)
        if recovered:
            typer.echo(f"put back {recovered} message(s) a stopped worker had taken", err=True)
    # JSON logs are for machines: leave out Celery's multi-line start-up banner.
    quiet = ["--quiet"] if settings.log_format == "json" else []
    celery.start(
        [
            *quiet,
            "worker",
            "--queues",
            queues,
            "--concurrency",
            str(concurrency or settings.worker_concurrency),
            "--loglevel",
            settings.log_level,
            "--without-mingle",
            "--without-gossip",
            *ctx.args,
        ]
    )


@app.command("worker-alive")
def worker_alive(
    max_age: Annotated[
        float, typer.Option(help="Seconds the consumer's heartbeat may be old.")
    ] = 60.0,
) -> None:
    """Exit 0 when this machine's worker consumer touched its heartbeat lately (liveness)."""
    age = liveness.seconds_since_heartbeat(get_settings())
    if age is None or age > max_age:
        state = "never" if age is None else f"{age:.0f}s ago"
        typer.echo(f"the worker's consumer last reported alive {state}", err=True)
        raise typer.Exit(1)


@app.command(context_settings=PASS_THROUGH)
def beat(ctx: typer.Context) -> None:
    """Run the scheduler that triggers the periodic jobs (further options go to Celery)."""
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    celery = celery_app_for(settings)
    celery.start(["beat", "--loglevel", settings.log_level, *ctx.args])


@app.command()
def run() -> None:
    """Run everything on this machine: the API, the workers and beat; Ctrl-C stops them all."""
    settings = get_settings()
    alembic.upgrade(settings)
    me = [sys.executable, "-m", "cashbook"]
    typer.echo(
        f"Cashbook on http://{settings.host}:{settings.port}/ with workers and beat; "
        f"mail without SMTP_HOST goes to {settings.mail_dir}/. Ctrl-C stops everything."
    )
    mail_metrics_port = settings.worker_metrics_port and settings.worker_metrics_port + 1
    long_work = ",".join(queue for queue in QUEUES if queue != MAIL_QUEUE)
    children = [
        Child("api", [*me, "serve"], essential=True),
        Child("worker", [*me, "worker", "--queues", long_work]),
        # Mail has a worker of its own, so an email never waits behind an import or a sync.
        # It leaves recovery to the other worker, whose running tasks it cannot tell apart
        # from a dead worker's (the outbox drain sends what a dead mail worker had taken).
        Child(
            "mail",
            [*me, "worker", "--queues", MAIL_QUEUE, "--concurrency", "1", "--no-recover"],
            env={"CASHBOOK_WORKER_METRICS_PORT": str(mail_metrics_port)},
        ),
        Child("beat", [*me, "beat"]),
    ]
    raise typer.Exit(supervise(children))


@jobs_app.command("list")
def jobs_list() -> None:
    """List the periodic jobs."""
    for job in CRON_JOBS.values():
        typer.echo(f"{job.name}\tevery {job.period}")


@jobs_app.command("run")
def jobs_run(
    job: Annotated[str, typer.Argument(help="A job name from `cashbook jobs list`.")],
    verbose: VerboseOption = False,
) -> None:
    """Run a periodic job now, in this process."""
    settings = get_settings()
    quiet_logs(verbose)
    if job not in CRON_JOBS:
        typer.echo(f"error: no job named {job!r}; known: {', '.join(CRON_JOBS)}", err=True)
        raise typer.Exit(2)
    with progress_bar(job) as report:
        summary = asyncio.run(run_job_now(settings, job, report))
    typer.echo(f"{job}: {summary}")


# The ledger: field-encryption keys and demonstration data.


@keys_app.command("generate")
def keys_generate() -> None:
    """Print a new random key (for DB_ENCRYPTION_KEY or DB_BLIND_INDEX_KEY)."""
    typer.echo(new_key())


@keys_app.command("status")
def keys_status() -> None:
    """How many stored values each key encrypted, per column."""
    settings = get_settings()
    asyncio.run(print_status(settings))


@keys_app.command("verify")
def keys_verify(
    batch_size: Annotated[int, typer.Option(min=1, max=10_000, help="Rows per query.")] = 500,
) -> None:
    """Decrypt every stored value, changing nothing (the restore drill's last step)."""
    raise typer.Exit(asyncio.run(verify(get_settings(), batch_size)))


@keys_app.command("rotate")
def keys_rotate(
    batch_size: Annotated[int, typer.Option(min=1, max=10_000, help="Rows per transaction.")] = 500,
) -> None:
    """Re-encrypt every value under DB_ENCRYPTION_KEY (online, resumable)."""
    settings = get_settings()
    raise typer.Exit(asyncio.run(rotate(settings, batch_size)))


@demo_app.command("seed")
def demo_seed(
    user: Annotated[str, typer.Option(help="Email of a registered user.")],
) -> None:
    """Give a user a realistic year of accounts and transactions."""
    settings = get_settings()
    raise typer.Exit(asyncio.run(seed(settings, user)))


# Banking: the fake bank and statement imports.


@app.command("fake-bank")
def fake_bank(
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8100,
    state: Annotated[
        Path | None, typer.Option(help="A file that keeps consents across restarts.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Another seed, another customer history.")] = 7,
) -> None:
    """Run the fake Česká spořitelna: its OAuth2 server and Accounts API v3."""
    from cashbook.banking.fake_bank.app import API, create_fake_bank_app
    from cashbook.banking.fake_bank.state import FakeBank, FakeBankConfig

    get_settings()  # refuses a broken configuration and sets up logging
    bank = FakeBank(FakeBankConfig(seed=seed), state_path=state)
    base = f"http://{host}:{port}"
    config = bank.config
    typer.echo(
        f"Fake Česká spořitelna on {base}/ ({len(bank.customer.entries)} transactions of "
        f"{bank.customer.name}). Point Cashbook at it with:\n"
        f"  CASHBOOK_FAKE_BANK=false CSAS_CLIENT_ID={config.client_id} "
        f"CSAS_CLIENT_SECRET={config.client_secret} CSAS_API_KEY={config.api_key} \\\n"
        f"  CASHBOOK_CSAS_BASE_URL={base}{API} CASHBOOK_CSAS_AUTH_URL={base}/oauth/auth \\\n"
        f"  CASHBOOK_CSAS_TOKEN_URL={base}/oauth/token CASHBOOK_CSAS_REVOKE_URL={base}/oauth/revoke"
    )
    uvicorn.run(
        create_fake_bank_app(bank), host=host, port=port, log_config=None, server_header=False
    )


@app.command("import")
def import_statement(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    account: Annotated[uuid.UUID, typer.Option("--account", help="The account's id.")],
    format: Annotated[
        str | None, typer.Option(help="camt053, ofx, qfx, csv, fio or csob (detected if left out).")
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(help="A JSON column mapping for a CSV layout Cashbook does not know."),
    ] = None,
    verbose: VerboseOption = False,
) -> None:
    """Import a statement file (CAMT.053, OFX/QFX, CSV) into an account."""
    from cashbook.imports.admin import import_file
    from cashbook.kit.errors import CashbookError

    settings = get_settings()
    quiet_logs(verbose)
    with progress_bar(f"importing {file.name}") as report:
        try:
            result = asyncio.run(import_file(settings, file, account, format, mapping, report))
        except (CashbookError, LookupError) as error:
            typer.echo(f"error: {getattr(error, 'reason', error)}", err=True)
            raise typer.Exit(1) from error
    if result.status != "succeeded":
        typer.echo(f"error: {result.error.reason if result.error else result.status}", err=True)
        for problem in result.errors:
            typer.echo(f"  {problem.unit} {problem.position}: {problem.message}", err=True)
        raise typer.Exit(1)
    typer.echo(
        f"imported {result.created} of {result.total} transactions from {file.name} "
        f"({result.format}, {result.encoding}); {result.duplicates} already known"
    )


# Backups on one machine.


def _passphrase(passphrase_file: Path | None, confirm: bool) -> str:
    from cashbook.backup.service import BackupError

    if passphrase_file is not None:
        passphrase = passphrase_file.read_text().strip()
    else:
        passphrase = typer.prompt(
            "Passphrase for the keys", hide_input=True, confirmation_prompt=confirm
        )
    if not passphrase:
        raise BackupError("the passphrase is empty")
    return passphrase


PassphraseFileOption = Annotated[
    Path | None,
    typer.Option(exists=True, dir_okay=False, help="Read the passphrase from this file."),
]


@app.command("backup")
def backup_command(
    to: Annotated[Path, typer.Option(help="Folder the backup's own folder is made in.")] = Path(
        "backups"
    ),
    include_keys: Annotated[
        bool, typer.Option(help="Put the keys in too, sealed with a passphrase.")
    ] = False,
    passphrase_file: PassphraseFileOption = None,
) -> None:
    """Back up the SQLite database while Cashbook runs (the keys only when asked)."""
    from cashbook.backup.service import BackupError, backup, key_locations

    settings = get_settings()
    try:
        passphrase = _passphrase(passphrase_file, confirm=True) if include_keys else None
        result = backup(settings, to, passphrase)
    except BackupError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    rows = sum(result.manifest["rows"].values())
    typer.echo(f"backed up {rows} rows to {result.folder}/")
    if passphrase is None:
        typer.echo(
            "The keys are not in the backup; without them its encrypted fields cannot be read. "
            "Keep a copy of them apart from it:"
        )
        for location in key_locations(settings):
            typer.echo(f"  {location}")
    else:
        typer.echo("The keys are in it, sealed with your passphrase: keep the passphrase apart.")


@app.command("restore")
def restore_command(
    backup_folder: Annotated[Path, typer.Argument(exists=True, file_okay=False)],
    passphrase_file: PassphraseFileOption = None,
) -> None:
    """Restore a backup into an empty data folder (CASHBOOK_DATA_DIR); never overwrites."""
    from cashbook.backup.service import KEYS_FILE, BackupError, restore

    settings = get_settings(local_secrets=False)
    try:
        sealed = (backup_folder / KEYS_FILE).is_file()
        passphrase = _passphrase(passphrase_file, confirm=False) if sealed else None
        manifest = restore(settings, backup_folder, passphrase)
    except BackupError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(
        f"restored the backup of {manifest['created_at']} into {settings.data_dir}/ "
        f"({sum(manifest['rows'].values())} rows)"
    )
    if not manifest.get("keys"):
        files = ", ".join(file_name for _field, file_name, *_ in LOCAL_SECRETS)
        typer.echo(
            f"The backup has no keys: put {files} in {settings.data_dir}/ (or set "
            "CASHBOOK_SECRET_KEY, DB_ENCRYPTION_KEY and DB_BLIND_INDEX_KEY) BEFORE starting "
            "Cashbook, or it makes new ones and the encrypted fields stay unreadable."
        )


def main() -> None:
    try:
        app()
    except ValidationError as error:
        # A configuration problem: say which variable, without a traceback.
        for problem in error.errors():
            typer.echo(
                f"configuration error: {problem['msg'].removeprefix('Value error, ')}", err=True
            )
        raise SystemExit(2) from None

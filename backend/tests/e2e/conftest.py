"""The built web app in Debian's Chromium, against the real server in one-machine mode.

`make test` builds the app (`frontend/dist`) and installs Chromium before pytest runs. Run alone,
these tests skip when either is missing, except in CI, where that fails the run.
"""

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from cashbook.kit.language import DEFAULT_LANGUAGE
from cashbook.notifications.messages import SUBJECTS
from tests.conftest import free_port
from tests.factories import link_token, read_mail

REPO = Path(__file__).resolve().parents[3]
DIST = REPO / "frontend" / "dist"
# Screenshots go to a git-ignored build folder, so a test run leaves the tree clean;
# `make screenshots` points this at docs/screenshots to refresh the committed ones.
SCREENSHOTS = Path(
    os.environ.get("CASHBOOK_TEST_SCREENSHOTS_DIR") or REPO / "build" / "screenshots"
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(problem: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{problem} (required in CI)")
    pytest.skip(problem)


@dataclass
class Server:
    url: str
    data_dir: Path


@contextmanager
def running_server(data_dir: Path, port: int, **settings: str) -> Iterator[Server]:
    """`cashbook run` as `make run` starts it: the API, a worker and beat, SQLite in a data
    folder, mail in the data folder; `settings` are more CASHBOOK_* variables."""
    env = {
        **os.environ,
        "CASHBOOK_DATA_DIR": str(data_dir),
        "CASHBOOK_PORT": str(port),
        "CASHBOOK_LOG_FORMAT": "json",
        **settings,
    }
    data_dir.mkdir(parents=True)
    log = (data_dir / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "cashbook", "run"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{url}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        else:
            raise AssertionError("the server did not become ready")
        yield Server(url, data_dir)
    finally:
        process.terminate()  # the supervisor stops the API, the worker and beat
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One-machine mode: the app under /app/ of the API."""
    if not (DIST / "index.html").is_file():
        _missing("the web app is not built (npm run build in frontend/)")
    data_dir = tmp_path_factory.mktemp("e2e") / "data"
    with running_server(data_dir, free_port(), CASHBOOK_WEB_DIST_DIR=str(DIST)) as server:
        yield server


def mail_to(
    data_dir: Path, to: str, subject_part: str = "", timeout: float = 30, *, count: int = 1
) -> list:
    """The messages to `to` (whose subject contains `subject_part`) once the worker has
    written at least `count` of them to the mail folder."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in read_mail(data_dir) if m["To"] == to and subject_part in m["Subject"]]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def register(server: Server, person: dict) -> None:
    """Signs a person up through the API and confirms their email with the link the worker
    mailed them, as data needs a confirmed email (journeys that sign up in the browser open
    the link there instead)."""
    assert httpx.post(f"{server.url}/auth/register", json=person).status_code == 201
    # By its subject: other mail may come first (an invitation to a shared goal).
    subject = SUBJECTS[person.get("language", DEFAULT_LANGUAGE)]["verify-email"]
    [message] = mail_to(server.data_dir, person["email"], subject)
    confirmed = httpx.post(f"{server.url}/auth/verify", json={"token": link_token(message)})
    assert confirmed.status_code == 200, confirmed.text


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _missing("Chromium is not installed (scripts/tools/chromium.sh installs Debian's)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def open_page(browser, **options):
    """A page in a fresh browser context (no cookies, English unless `locale` says otherwise),
    failing on any JavaScript error."""
    context = browser.new_context(**{"locale": "en-GB", "timezone_id": "Europe/Prague", **options})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert errors == [], f"JavaScript errors in the page: {errors}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keeps the page as it was when a browser test failed, to look at afterwards."""
    report = yield
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and page is not None:
        path = item.config.rootpath / ".pytest_cache" / "e2e-failures" / f"{item.name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, full_page=True)
        report.sections.append(("browser", f"screenshot of the failure: {path}"))
    return report


# Figures the quality gates measured (axe, Lighthouse), printed at the end of the run.
GATE_FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    if GATE_FIGURES:
        terminalreporter.section("accessibility and Lighthouse figures")
        for line in GATE_FIGURES:
            terminalreporter.write_line(line)

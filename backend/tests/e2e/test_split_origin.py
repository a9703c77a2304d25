"""The web app on a host of its own, as Cloudflare Pages serves it, in Chromium.

- Split same-site (production): the app at app.cashbook.localhost, the API at
  api.cashbook.localhost; CORS with credentials for the app's origin, cookies scoped to the
  parent domain so the app reads the CSRF cookie.
- Preview: the app at pr-7.<project>.localhost built with VITE_BACKEND_URL=/api; the project's
  Pages Function proxies /api/* to the preview API, so cookies stay first-party and host-only.

Chromium resolves every *.localhost name to loopback. Each journey: sign up, confirm from the
mail, sign in, add an account and a transaction, edit it, import a statement, sign out.
"""

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import free_port
from tests.e2e.conftest import REPO, _missing, mail_to, open_page, running_server
from tests.e2e.helpers import add_transaction, go
from tests.factories import link_token

pytestmark = pytest.mark.e2e

FRONTEND = REPO / "frontend"
PAGES_FUNCTION = FRONTEND / "functions" / "api" / "[[path]].js"
PAGES_STAND_IN = Path(__file__).parent / "pages_preview.mjs"
STATEMENT = Path(__file__).parent / "fixtures" / "fio-small.csv"
PASSWORD = "a sturdy passphrase 42"  # noqa: S105


def build_web_app(out_dir: Path, backend_url: str) -> Path:
    """The web app as the Pages workflows build it: at the root, with their VITE_BACKEND_URL."""
    if shutil.which("npx") is None or not (FRONTEND / "node_modules").is_dir():
        _missing("Node.js and the web app's npm packages are needed (make web)")
    env = {**os.environ, "VITE_BASE_PATH": "/", "VITE_BACKEND_URL": backend_url}
    result = subprocess.run(  # noqa: S603
        ["npx", "vite", "build", "--outDir", str(out_dir), "--emptyOutDir", "--logLevel", "error"],  # noqa: S607
        cwd=FRONTEND, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out_dir


@contextmanager
def pages(dist: Path, port: int, preview_api_url: str) -> Iterator[None]:
    """The built app on PORT as Pages serves it, /api/* through the project's Pages Function."""
    args = [str(PAGES_STAND_IN), str(dist), str(port), str(PAGES_FUNCTION), preview_api_url]
    process = subprocess.Popen(["node", *args], stdout=subprocess.PIPE, text=True)  # noqa: S603, S607
    try:
        assert process.stdout.readline().strip() == "ready"
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def page(browser):
    """A named fixture, so a failing journey leaves a screenshot (tests/e2e/conftest.py)."""
    with open_page(browser) as page:
        yield page


def journey(page: Page, app: str, data_dir: Path, email: str) -> dict:
    """A person's first session on the app at `app`; returns the cookies while signed in."""
    page.goto(app + "/")
    expect(page).to_have_url(re.compile(r"/sign-in$"))
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("First name").fill("Jana")
    page.get_by_label("Last name").fill("Nováková")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    (message,) = mail_to(data_dir, email)
    page.goto(f"{app}/verify?token={link_token(message)}")
    expect(page.get_by_text("Your email address is confirmed.")).to_be_visible()
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}

    # Unsafe requests: each carries the CSRF cookie's value, read by the app on its own host.
    go(page, "Accounts")
    page.get_by_label("Account name").fill("Everyday")
    page.get_by_label("Opening balance").fill("1000")
    page.get_by_role("button", name="Add account").click()
    expect(page.get_by_label("Balance of Everyday")).to_have_text(re.compile(r"1,000\.00"))

    go(page, "Transactions")
    add_transaction(page, direction="Money out", amount="120", description="Bakery Novak")
    page.get_by_role("button", name="Edit Bakery Novak").click()
    page.get_by_role("dialog").get_by_label("Amount", exact=True).fill("130")
    page.get_by_role("dialog").get_by_role("button", name="Save transaction").click()
    expect(page.get_by_test_id("transaction-row").first).to_contain_text("130.00")

    go(page, "Import")
    page.get_by_label("Account", exact=True).select_option(label="Everyday")
    page.get_by_label("Statement file").set_input_files(STATEMENT)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_test_id("import-created")).to_have_text("3", timeout=60_000)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    assert not {"cashbook_session", "cashbook_csrf"} & {c["name"] for c in page.context.cookies()}
    return cookies


def test_split_same_site_app_and_api(page, tmp_path):
    api_port, app_port = free_port(), free_port()
    app = f"http://app.cashbook.localhost:{app_port}"
    dist = build_web_app(tmp_path / "dist", f"http://api.cashbook.localhost:{api_port}")
    settings = {
        "CASHBOOK_PUBLIC_URL": f"http://api.cashbook.localhost:{api_port}",
        "CASHBOOK_WEB_URL": app,
        "CASHBOOK_COOKIE_DOMAIN": "cashbook.localhost",
    }
    with (
        running_server(tmp_path / "data", api_port, **settings) as server,
        pages(dist, app_port, "unused: production never reaches the function"),
    ):
        cookies = journey(page, app, server.data_dir, "jana.split@example.com")
    assert cookies["cashbook_session"]["domain"] == ".cashbook.localhost"
    assert cookies["cashbook_session"]["httpOnly"] is True
    assert cookies["cashbook_csrf"]["domain"] == ".cashbook.localhost"


def test_preview_app_reaches_its_api_through_the_pages_function(page, tmp_path):
    api_port, app_port = free_port(), free_port()
    app = f"http://pr-7.cashbook-pages.localhost:{app_port}"
    dist = build_web_app(tmp_path / "dist", "/api")
    settings = {"CASHBOOK_PUBLIC_URL": f"{app}/api", "CASHBOOK_WEB_URL": app}
    with (
        running_server(tmp_path / "data", api_port, **settings) as server,
        pages(dist, app_port, f"http://127.0.0.1:{api_port}"),
    ):
        cookies = journey(page, app, server.data_dir, "jana.preview@example.com")
    # First-party and host-only: no other preview and no production host ever sees them.
    assert cookies["cashbook_session"]["domain"] == "pr-7.cashbook-pages.localhost"
    assert cookies["cashbook_csrf"]["domain"] == "pr-7.cashbook-pages.localhost"


@pytest.mark.parametrize(
    ("url", "upstream"),
    [
        ("https://pr-7.cashbook.pages.dev/api/auth/cookie/login?next=%2F",
         "https://pr-7.example.org/auth/cookie/login?next=%2F"),
        ("https://pr-12.cashbook.pages.dev/api", "https://pr-12.example.org/"),
        # Production, a branch that is no pull request, a hash-named deployment: no API.
        ("https://cashbook.pages.dev/api/users/me", None),
        ("https://main.cashbook.pages.dev/api/users/me", None),
        ("https://3f2a1b.cashbook.pages.dev/api/users/me", None),
    ],
)  # fmt: skip
def test_the_pages_function_only_forwards_a_pull_requests_preview(url, upstream):
    if shutil.which("node") is None:
        _missing("Node.js is needed (make web)")
    script = (
        f"import({json.dumps(PAGES_FUNCTION.as_uri())}).then((m) => console.log("
        f"JSON.stringify(m.upstreamUrl({json.dumps(url)}, 'https://{{branch}}.example.org'))))"
    )
    result = subprocess.run(  # noqa: S603
        ["node", "--input-type=module", "-e", script],  # noqa: S607
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == upstream

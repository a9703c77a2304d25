"""Lighthouse (Debian's Chromium) on the sign-in page, the dashboard and the transactions, with
its desktop and its mobile settings: accessibility and best practices must reach 95.
Performance is measured and printed against its target of 90 but not enforced yet: on a shared
two-core machine it ranged from 67 to 100 between runs of the same build (server response time
under load dominates), so a hard gate would fail at random. Six runs, about 3 minutes."""

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext

from tests.conftest import free_port
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, GATE_FIGURES, REPO, _missing, register

pytestmark = pytest.mark.e2e

LIGHTHOUSE = REPO / "frontend" / "node_modules" / ".bin" / "lighthouse"
MINIMUM = {"accessibility": 0.95, "best-practices": 0.95}
PERFORMANCE_TARGET = 0.90
PASSWORD = "lighthouse keeper 42"  # noqa: S105


@pytest.fixture(scope="module")
def cookies(server) -> list[dict]:
    """A person with an account and a few transactions, signed in: the session's cookies."""
    person = {"email": "lh@example.com", "password": PASSWORD}
    person |= {"first_name": "Lea", "last_name": "K"}
    register(server, person)
    with httpx.Client(base_url=server.url) as http:
        signed_in = http.post(
            "/auth/cookie/login", data={"username": person["email"], "password": PASSWORD}
        )
        assert signed_in.status_code == 204, signed_in.text
        csrf = {"X-CSRF-Token": http.cookies["cashbook_csrf"]}
        account = http.post(
            "/accounts", json={"name": "Main", "currency": "CZK"}, headers=csrf
        ).json()
        for day, amount, text in [(3, "30000.00", "Salary"), (5, "-879.50", "Groceries")]:
            created = http.post(
                "/transactions",
                json={
                    "account_id": account["id"],
                    "amount": amount,
                    "booked_on": f"2026-01-{day:02d}",
                    "description": text,
                },
                headers=csrf,
            )
            assert created.status_code == 201, created.text
        return [
            {"name": cookie.name, "value": cookie.value or "", "url": server.url}
            for cookie in http.cookies.jar
        ]


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, BrowserContext]]:
    """Chromium open to Lighthouse on a debugging port; its context takes the session's
    cookies (the app reads the CSRF one, so a Cookie header would not do)."""
    if not LIGHTHOUSE.exists():
        _missing("Lighthouse is not installed (npm ci in frontend/)")
    from playwright.sync_api import sync_playwright

    port = free_port()
    profile: Path = tmp_path_factory.mktemp("lighthouse-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=[*CHROMIUM_ARGS, f"--remote-debugging-port={port}"],
        )
        try:
            yield port, context
        finally:
            context.close()


@pytest.mark.parametrize("device", ["desktop", "mobile"])
@pytest.mark.parametrize("path", ["/app/sign-in", "/app/", "/app/transactions"])
def test_lighthouse_scores(server, chromium, cookies, path: str, device: str, tmp_path):
    port, context = chromium
    context.clear_cookies()
    if path != "/app/sign-in":  # signed in, the sign-in page moves on to the dashboard
        context.add_cookies(cookies)
    command = [
        str(LIGHTHOUSE),
        server.url + path,
        "--quiet",
        "--output=json",
        f"--output-path={tmp_path / 'report.json'}",
        "--only-categories=performance,accessibility,best-practices",
        f"--port={port}",
        *(["--preset=desktop"] if device == "desktop" else []),
    ]
    subprocess.run(command, check=True, timeout=180, env={**os.environ, "CHROME_PATH": CHROMIUM})
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["finalDisplayedUrl"].endswith(path), "redirected: not signed in?"
    scores = {name: report["categories"][name]["score"] for name in [*MINIMUM, "performance"]}
    GATE_FIGURES.append(
        f"lighthouse {device} {path}: "
        + ", ".join(f"{name} {round(score * 100)}" for name, score in scores.items())
        + ("" if scores["performance"] >= PERFORMANCE_TARGET else " (performance below 90)")
    )
    low = {name: scores[name] for name, minimum in MINIMUM.items() if scores[name] < minimum}
    assert low == {}, f"below the gate on {device} {path}: {low}"

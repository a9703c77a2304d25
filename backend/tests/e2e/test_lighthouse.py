"""Lighthouse (Debian's Chromium) on the sign-in page, the dashboard and the transactions, with
its desktop and its mobile settings: accessibility and best practices at least 95, performance
at least 90. Six runs of about 20 s each on two cores."""

import json
import os
import subprocess

import httpx
import pytest

from tests.e2e.conftest import CHROMIUM, GATE_FIGURES, REPO, _missing

pytestmark = pytest.mark.e2e

LIGHTHOUSE = REPO / "frontend" / "node_modules" / ".bin" / "lighthouse"
MINIMUM = {"accessibility": 0.95, "best-practices": 0.95, "performance": 0.90}
PASSWORD = "lighthouse keeper 42"  # noqa: S105


@pytest.fixture(scope="module")
def cookie(server) -> str:
    """A person with an account and a few transactions, signed in: the session's cookies."""
    person = {"email": "lh@example.com", "password": PASSWORD}
    person |= {"first_name": "Lea", "last_name": "K"}
    with httpx.Client(base_url=server.url) as http:
        assert http.post("/auth/register", json=person).status_code == 201
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
        return "; ".join(f"{name}={value}" for name, value in http.cookies.items())


@pytest.mark.parametrize("device", ["desktop", "mobile"])
@pytest.mark.parametrize("path", ["/app/sign-in", "/app/", "/app/transactions"])
def test_lighthouse_scores(server, cookie: str, path: str, device: str, tmp_path):
    if not LIGHTHOUSE.exists():
        _missing("Lighthouse is not installed (npm ci in frontend/)")
    command = [
        str(LIGHTHOUSE),
        server.url + path,
        "--quiet",
        "--output=json",
        f"--output-path={tmp_path / 'report.json'}",
        "--only-categories=performance,accessibility,best-practices",
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking",
        *(["--preset=desktop"] if device == "desktop" else []),
    ]
    if path != "/app/sign-in":
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    subprocess.run(command, check=True, timeout=180, env={**os.environ, "CHROME_PATH": CHROMIUM})
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["finalDisplayedUrl"].endswith(path), "redirected: not signed in?"
    scores = {name: report["categories"][name]["score"] for name in MINIMUM}
    GATE_FIGURES.append(
        f"lighthouse {device} {path}: "
        + ", ".join(f"{name} {round(score * 100)}" for name, score in scores.items())
    )
    low = {name: score for name, score in scores.items() if score < MINIMUM[name]}
    assert low == {}, f"below the gate on {device} {path}: {low}"

"""The one-machine demo as a newcomer meets it: `cashbook run` (what `make run` starts) with
the fake bank inside the API; sign up, connect the bank, see transactions within a minute.
And `cashbook fake-bank` as a process of its own."""

import os
import re
import time

import httpx

from tests.conftest import free_port
from tests.factories import link_token, read_mail
from tests.worker.conftest import CashbookProcess, wait_until


def answers(url: str) -> bool:
    try:
        return httpx.get(url).status_code == 200
    except httpx.TransportError:
        return False


def test_a_newcomer_connects_the_fake_bank_and_sees_transactions_within_a_minute(tmp_path):
    port = free_port()
    env = {**os.environ, "CASHBOOK_DATA_DIR": str(tmp_path / "data"), "CASHBOOK_PORT": str(port)}
    run = CashbookProcess(env, ("run",))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: answers(f"{url}/readyz"), timeout=90, interval=0.2)
        person = {
            "email": "newcomer@example.com",
            "password": "a newcomer's passphrase",
            "first_name": "Nela",
            "last_name": "Nová",
        }
        with httpx.Client(base_url=url) as browser:
            assert browser.post("/auth/register", json=person).status_code == 201
            # The confirmation link the worker wrote to the mail folder opens the data.
            [message] = wait_until(lambda: read_mail(tmp_path / "data"), timeout=30)
            assert browser.post("/auth/verify", json={"token": link_token(message)}).is_success
            login = browser.post(
                "/auth/jwt/login",
                data={"username": person["email"], "password": person["password"]},
            )
            headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
            clicked = time.monotonic()
            providers = browser.get("/bank/providers", headers=headers).json()
            assert providers == [
                {
                    "name": "csas",
                    "display_name": "Česká spořitelna",
                    "available": True,
                    "demo": True,
                }
            ]
            started = browser.post("/bank/connections", headers=headers)
            authorization = started.json()["authorization_url"]
            assert authorization.startswith(f"{url}/fake-bank/oauth/auth?")
            page = browser.get(authorization)
            assert "Jana Nováková" in page.text and "Allow" in page.text
            form = {**dict(httpx.URL(authorization).params), "decision": "allow"}
            # The bank sends the browser to the callback, which lands on the web app.
            landed = browser.post(authorization, data=form, follow_redirects=False)
            callback = browser.get(landed.headers["location"], follow_redirects=False)
            assert callback.headers["location"].startswith(f"{url}/app/accounts?bank=connected")

            def transactions() -> list:
                return browser.get("/transactions", headers=headers).json()["items"]

            wait_until(transactions, timeout=60, interval=0.5)
            assert time.monotonic() - clicked < 60
            [connection] = browser.get("/bank/connections", headers=headers).json()
            assert connection["status"] == "active"
            assert len(connection["accounts"]) == 3
        lines = list(run.lines)
        assert any(line.startswith("worker |") and "bank sync finished" in line for line in lines)
    finally:
        run.stop()


def test_the_fake_bank_runs_as_a_process_of_its_own(tmp_path):
    port = free_port()
    env = {**os.environ, "CASHBOOK_DATA_DIR": str(tmp_path / "data")}
    bank = CashbookProcess(env, ("fake-bank", "--port", str(port)))
    try:
        wait_until(lambda: answers(f"http://127.0.0.1:{port}/"), timeout=60, interval=0.2)
        printed = bank.output
        assert f"CASHBOOK_CSAS_BASE_URL=http://127.0.0.1:{port}/webapi/api/v3/accounts" in printed
        api_key = re.search(r"CSAS_API_KEY=(\S+)", printed).group(1)
        refused = httpx.get(
            f"http://127.0.0.1:{port}/webapi/api/v3/accounts/my/accounts",
            headers={"WEB-API-key": api_key},
        )
        assert (refused.status_code, refused.json()["errors"][0]["error"]) == (403, "TOKEN_INVALID")
    finally:
        bank.stop()

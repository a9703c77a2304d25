"""The fake Česká spořitelna on a free loopback port, for tests: real HTTP, and the bank's
state at hand to change (advance its clock, revoke a consent, make it fail)."""

import threading
import time

import httpx
import uvicorn
from pydantic import SecretStr

from cashbook.banking.fake_bank.app import API, create_fake_bank_app
from cashbook.banking.fake_bank.state import FakeBank, FakeBankConfig
from cashbook.config import Settings


class FakeBankServer:
    def __init__(self, port: int, config: FakeBankConfig | None = None) -> None:
        self.bank = FakeBank(config or FakeBankConfig())
        self.url = f"http://127.0.0.1:{port}"
        self._server = uvicorn.Server(
            uvicorn.Config(
                create_fake_bank_app(self.bank),
                host="127.0.0.1",
                port=port,
                log_level="warning",
                lifespan="off",
            )
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> "FakeBankServer":
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the fake bank did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def configure(self, settings: Settings) -> Settings:
        """Point Cashbook's Česká spořitelna provider at this bank."""
        config = self.bank.config
        settings.fake_bank = False
        settings.csas_client_id = config.client_id
        settings.csas_client_secret = SecretStr(config.client_secret)
        settings.csas_api_key = SecretStr(config.api_key)
        settings.csas_base_url = f"{self.url}{API}"
        settings.csas_auth_url = f"{self.url}/oauth/auth"
        settings.csas_token_url = f"{self.url}/oauth/token"
        settings.csas_revoke_url = f"{self.url}/oauth/revoke"
        return settings

    def approve(self, authorization_url: str, decision: str = "allow") -> str:
        """What the person does at the bank: open the consent page and answer it. Returns
        where the bank sends the browser back to."""
        with httpx.Client() as browser:
            page = browser.get(authorization_url)
            assert page.status_code == 200, page.text
            assert "Allow" in page.text
            form = {**dict(httpx.URL(authorization_url).params), "decision": decision}
            answer = browser.post(authorization_url, data=form)
        assert answer.status_code == 302, answer.text
        return answer.headers["location"]

    def transaction_requests(self) -> list[dict]:
        return [r for r in self.bank.requests if r["path"].endswith("/transactions")]

"""The fake bank inside the API on a development machine, so `make run` needs no other
process: the demo connects to `<public URL>/fake-bank` (see `banking/providers.py`)."""

from fastapi import FastAPI

from cashbook.banking.fake_bank.app import create_fake_bank_app
from cashbook.banking.fake_bank.state import FakeBank, FakeBankConfig
from cashbook.banking.providers import FAKE_BANK_PATH
from cashbook.banking.service import redirect_uri
from cashbook.config import Settings


def mount_fake_bank(app: FastAPI, settings: Settings) -> None:
    if not settings.fake_bank_enabled:
        return
    # Consents survive a restart of `make run` in the data folder.
    # Only this API's own callback is registered: the code goes nowhere else.
    config = FakeBankConfig(redirect_uris=(redirect_uri(settings),))
    bank = FakeBank(config, state_path=settings.data_dir / "fake-bank.json")
    app.mount(FAKE_BANK_PATH, create_fake_bank_app(bank))

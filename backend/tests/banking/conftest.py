import pytest

from cashbook.banking.fake_bank.state import FakeBankConfig
from cashbook.config import Settings


@pytest.fixture
def fake_bank_config() -> FakeBankConfig:
    """A customer who shops less than the demo's, with 100 days of history: quick to sync."""
    return FakeBankConfig(purchases_per_day=0.4, history_days=100)


@pytest.fixture
def settings(bank_settings: Settings, database_url: str) -> Settings:
    """Every banking test talks to the fake bank over HTTP. (Naming `database_url` lets
    pytest see the parametrised fixture behind the overridden one.)"""
    return bank_settings

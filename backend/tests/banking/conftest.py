import pytest

from cashbook.banking.fake_bank.state import FakeBankConfig
from cashbook.config import Settings

# Real worker processes and their brokers, as the worker tests start them.
from tests.worker.conftest import broker, rabbitmq_url, start_worker  # noqa: F401


@pytest.fixture
def fake_bank_config() -> FakeBankConfig:
    """A customer who shops less than the demo's, with 100 days of history: quick to sync."""
    return FakeBankConfig(purchases_per_day=0.4, history_days=100)


@pytest.fixture
def settings(bank_settings: Settings, database_url: str) -> Settings:
    """Every banking test talks to the fake bank over HTTP. (Naming `database_url` lets
    pytest see the parametrised fixture behind the overridden one.)"""
    return bank_settings

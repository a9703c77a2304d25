import pytest

from cashbook.config import Settings


@pytest.fixture
def settings(bank_settings: Settings, database_url: str) -> Settings:
    """Balance tests talk to the fake bank over HTTP (see tests/banking/conftest.py)."""
    return bank_settings

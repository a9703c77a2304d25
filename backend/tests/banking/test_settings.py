"""Where the bank is: the fake one on a development machine, the real one when configured,
never the fake one in production."""

import pytest
from pydantic import ValidationError

from cashbook.banking.providers import csas_config, is_available
from cashbook.config import Settings
from tests.test_config import production


def test_a_development_machine_connects_to_the_fake_bank_it_serves(monkeypatch, tmp_path):
    monkeypatch.setenv("CASHBOOK_DATA_DIR", str(tmp_path))
    settings = Settings()
    assert settings.fake_bank_enabled
    config = csas_config(settings)
    assert config.api_url == "http://127.0.0.1:8000/fake-bank/webapi/api/v3/accounts"
    assert config.auth_url == "http://127.0.0.1:8000/fake-bank/oauth/auth"
    monkeypatch.setenv("CASHBOOK_FAKE_BANK", "false")
    assert not Settings().fake_bank_enabled
    assert not is_available(Settings(), "csas")


def test_the_real_bank_needs_all_three_credentials(monkeypatch, tmp_path):
    monkeypatch.setenv("CASHBOOK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CSAS_CLIENT_ID", "cashbook-prod")
    with pytest.raises(ValidationError, match="CSAS_CLIENT_SECRET must be set"):
        Settings()
    monkeypatch.setenv("CSAS_CLIENT_SECRET", "client-secret")
    with pytest.raises(ValidationError, match="CSAS_API_KEY must be set"):
        Settings()
    monkeypatch.setenv("CSAS_API_KEY", "web-api-key")
    settings = Settings()
    assert not settings.fake_bank_enabled  # a configured bank replaces the fake one
    config = csas_config(settings)
    assert config.api_url == "https://www.csas.cz/webapi/api/v3/accounts"
    assert (config.client_id, config.client_secret, config.api_key) == (
        "cashbook-prod",
        "client-secret",
        "web-api-key",
    )


def test_production_never_serves_the_fake_bank(monkeypatch):
    assert not production(monkeypatch).fake_bank_enabled
    with pytest.raises(ValidationError, match="CASHBOOK_FAKE_BANK cannot be on in production"):
        production(monkeypatch, CASHBOOK_FAKE_BANK="true")

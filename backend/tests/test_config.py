"""One Settings object; production refuses to start with missing or default secrets."""

import pytest
from pydantic import ValidationError

from cashbook.config import Settings, load_local_secret

PRODUCTION = {
    "CASHBOOK_ENV": "production",
    "CASHBOOK_SECRET_KEY": "s" * 48,
    "DB_ENCRYPTION_KEY": "a2V5LWZvci10ZXN0cy1vbmx5LW5vdC1hLXJlYWwtayE=",
    "DB_BLIND_INDEX_KEY": "aW5kZXgta2V5LWZvci10ZXN0cy1vbmx5LW5vdC1ybCE=",
    "MARIADB_HOST": "db.internal",
    "MARIADB_PASSWORD": "db-password",
    "CASHBOOK_PUBLIC_URL": "https://cashbook.example.com",
    "RABBITMQ_HOST": "mq.internal",
    "RABBITMQ_USERNAME": "cashbook",
    "RABBITMQ_PASSWORD": "mq-pass/word",
    "RABBITMQ_VHOST": "cashbook",
    "CRON_TOKEN": "cron-token-0123456789",
    "METRICS_TOKEN": "metrics-token-0123456789",
}


def production(monkeypatch, **changes: str | None) -> Settings:
    for name, value in {**PRODUCTION, **changes}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return Settings()


def test_production_starts_with_real_secrets(monkeypatch):
    settings = production(monkeypatch)
    assert settings.is_production
    assert (
        settings.sqlalchemy_url
        == "mysql+aiomysql://cashbook:db-password@db.internal:3306/cashbook?charset=utf8mb4"
    )
    assert settings.secure_cookies is True
    assert settings.web_url == "https://cashbook.example.com/app"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CASHBOOK_SECRET_KEY", None),
        ("CASHBOOK_SECRET_KEY", "change-me"),
        ("DB_ENCRYPTION_KEY", None),
        ("DB_ENCRYPTION_KEY", "change-me"),
        ("DB_BLIND_INDEX_KEY", None),
        ("DB_BLIND_INDEX_KEY", "change-me"),
        ("MARIADB_PASSWORD", None),
        ("MARIADB_PASSWORD", ""),
        ("RABBITMQ_PASSWORD", None),
        ("RABBITMQ_PASSWORD", "guest"),
        ("CRON_TOKEN", None),
        ("CRON_TOKEN", "change-me"),
        ("METRICS_TOKEN", None),
        ("METRICS_TOKEN", ""),
    ],
)
def test_production_refuses_missing_or_default_secrets_and_names_them(monkeypatch, variable, value):
    with pytest.raises(ValidationError, match=variable):
        production(monkeypatch, **{variable: value})


def test_production_refuses_a_short_signing_key(monkeypatch):
    with pytest.raises(ValidationError, match="at least 32 characters"):
        production(monkeypatch, CASHBOOK_SECRET_KEY="short")


def test_production_needs_a_database(monkeypatch):
    with pytest.raises(ValidationError, match="DATABASE_URL or MARIADB_HOST"):
        production(monkeypatch, MARIADB_HOST=None)


def test_database_url_wins_and_password_is_url_quoted(monkeypatch):
    monkeypatch.setenv("MARIADB_HOST", "h")
    monkeypatch.setenv("MARIADB_PASSWORD", "p@ss/word")
    assert "p%40ss%2Fword@h:3306" in Settings().sqlalchemy_url
    monkeypatch.setenv("DATABASE_URL", "sqlite+aiosqlite:///x.sqlite")
    assert Settings().sqlalchemy_url == "sqlite+aiosqlite:///x.sqlite"


def test_development_defaults_need_no_server(monkeypatch, tmp_path):
    monkeypatch.setenv("CASHBOOK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CASHBOOK_CORS_ORIGINS", "https://a.example, https://b.example")
    settings = Settings()
    assert settings.uses_sqlite
    assert settings.sqlalchemy_url.endswith("cashbook.sqlite")
    assert settings.public_url == "http://127.0.0.1:8000"
    assert settings.secure_cookies is False
    assert settings.cors_origins == ["https://a.example", "https://b.example"]


def test_local_signing_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.setenv("CASHBOOK_DATA_DIR", str(tmp_path))
    first = load_local_secret(Settings()).signing_key()
    assert len(first) >= 32
    assert (tmp_path / "secret.key").stat().st_mode & 0o777 == 0o600
    assert load_local_secret(Settings()).signing_key() == first


def test_production_needs_a_broker_unless_a_url_is_given(monkeypatch):
    with pytest.raises(ValidationError, match="RABBITMQ_HOST or CASHBOOK_BROKER_URL"):
        production(monkeypatch, RABBITMQ_HOST=None)
    settings = production(
        monkeypatch, RABBITMQ_HOST=None, RABBITMQ_PASSWORD=None, CASHBOOK_BROKER_URL="amqp://x"
    )
    assert settings.broker_url == "amqp://x"


def test_broker_url_from_the_seed_variables(monkeypatch):
    settings = production(monkeypatch)
    # The password and the virtual host are quoted; the default vhost "/" would be "%2F".
    assert settings.broker_url == "amqp://cashbook:mq-pass%2Fword@mq.internal:5672/cashbook"
    assert not settings.uses_embedded_broker


def test_one_machine_broker_is_a_file_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("CASHBOOK_DATA_DIR", str(tmp_path))
    settings = Settings()
    assert settings.uses_embedded_broker
    assert settings.broker_url.endswith(f"{tmp_path}/broker.sqlite")


def test_local_encryption_keys_are_generated_once_with_a_warning(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CASHBOOK_DATA_DIR", str(tmp_path))
    first = load_local_secret(Settings())
    printed = "".join(capsys.readouterr())
    assert "generated a database encryption key; back it up" in printed
    keys = (first.db_encryption_key.get_secret_value(), first.db_blind_index_key.get_secret_value())
    assert len(set(keys)) == 2
    for name in ("encryption.key", "blind-index.key"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    again = load_local_secret(Settings())
    assert again.db_encryption_key.get_secret_value() == keys[0]
    assert again.db_blind_index_key.get_secret_value() == keys[1]


@pytest.mark.parametrize(
    "variable", ["DB_ENCRYPTION_KEY", "DB_BLIND_INDEX_KEY", "DB_ENCRYPTION_RETIRED_KEYS"]
)
def test_a_malformed_key_is_refused_with_its_name(monkeypatch, variable):
    monkeypatch.setenv(variable, "too-short")
    with pytest.raises(ValidationError, match=f"{variable} must be 32 random bytes"):
        Settings()


def test_retired_keys_are_a_comma_separated_list(monkeypatch):
    monkeypatch.setenv("DB_ENCRYPTION_RETIRED_KEYS", f"{PRODUCTION['DB_ENCRYPTION_KEY']}, ")
    assert [k.get_secret_value() for k in Settings().db_encryption_retired_keys] == [
        PRODUCTION["DB_ENCRYPTION_KEY"]
    ]


def test_split_origin_allows_the_web_app_and_scopes_cookies_to_the_parent_domain(monkeypatch):
    settings = production(
        monkeypatch,
        CASHBOOK_PUBLIC_URL="https://api.example.org",
        CASHBOOK_WEB_URL="https://app.example.org",
        CASHBOOK_COOKIE_DOMAIN="example.org",
        CASHBOOK_CORS_ORIGINS="https://other.example.net",
    )
    assert settings.browser_origins == ["https://app.example.org", "https://other.example.net"]
    assert settings.cookie_domain == "example.org"


def test_same_origin_needs_no_cors_and_keeps_cookies_host_only(monkeypatch):
    settings = production(monkeypatch)
    assert settings.browser_origins == []
    assert settings.cookie_domain is None


@pytest.mark.parametrize("domain", [None, "other.org"])
def test_split_origin_without_a_shared_cookie_domain_is_refused(monkeypatch, domain):
    with pytest.raises(ValidationError, match="CASHBOOK_COOKIE_DOMAIN"):
        production(
            monkeypatch,
            CASHBOOK_PUBLIC_URL="https://api.example.org",
            CASHBOOK_WEB_URL="https://app.example.org",
            CASHBOOK_COOKIE_DOMAIN=domain,
        )


def test_localhost_subdomains_count_as_loopback_for_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("CASHBOOK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CASHBOOK_PUBLIC_URL", "http://api.cashbook.localhost:8000")
    monkeypatch.setenv("CASHBOOK_WEB_URL", "http://app.cashbook.localhost:8001")
    monkeypatch.setenv("CASHBOOK_COOKIE_DOMAIN", "cashbook.localhost")
    assert Settings().secure_cookies is False

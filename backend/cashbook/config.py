"""Every setting Cashbook reads, in one place.

The seed project's variable names are kept (`DATABASE_URL`, `MARIADB_*`, `SMTP_*`, ...); settings
that are new in Cashbook carry the `CASHBOOK_` prefix. Nothing else reads the environment.
"""

import os
import re
import secrets
from collections.abc import Callable
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated, Self
from urllib.parse import quote, urlsplit

import structlog
from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from cashbook.kit.keys import check_key, new_key
from cashbook.kit.logging import configure_logging

log = structlog.get_logger(__name__)

DEFAULT_SECRET = "change-me"  # noqa: S105 - the value production refuses
# The one-machine broker: kombu's SQLAlchemy transport on a SQLite file (cashbook.worker.embedded).
EMBEDDED_BROKER_SCHEME = "cashbook-sqlite"


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


def _env(name: str, *, prefixed: bool = True):
    """A field read from `CASHBOOK_<NAME>` (or the seed's bare `<NAME>` when not prefixed)."""
    return AliasChoices(f"CASHBOOK_{name}" if prefixed else name)


def _blank(value: str | SecretStr | None) -> bool:
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    return value is None or not value.strip()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    env: Environment = Field(Environment.development, validation_alias=_env("ENV"))
    data_dir: Path = Field(Path("data"), validation_alias=_env("DATA_DIR"))
    host: str = Field("127.0.0.1", validation_alias=_env("HOST"))
    port: int = Field(8000, validation_alias=_env("PORT"))
    public_url: str = Field("", validation_alias=_env("PUBLIC_URL"))
    web_url: str = Field("", validation_alias=_env("WEB_URL"))
    # More browser origins allowed to call the API with cookies (CASHBOOK_WEB_URL's is always).
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias=_env("CORS_ORIGINS")
    )
    # The parent domain the session cookies are scoped to when the web app and the API are on
    # sibling hosts (app.example.org and api.example.org: "example.org"); unset, host-only.
    cookie_domain: str | None = Field(None, validation_alias=_env("COOKIE_DOMAIN"))
    forwarded_allow_ips: str = Field("127.0.0.1", validation_alias=_env("FORWARDED_ALLOW_IPS"))
    secret_key: SecretStr = Field(SecretStr(""), validation_alias=_env("SECRET_KEY"))
    log_level: str = Field("INFO", validation_alias=_env("LOG_LEVEL"))
    log_format: str = Field("console", validation_alias=_env("LOG_FORMAT"))
    max_body_bytes: int = Field(1_048_576, validation_alias=_env("MAX_BODY_BYTES"))
    # Swagger UI at /docs (same-origin files, under a CSP); off unless asked for.
    api_docs: bool = Field(False, validation_alias=_env("API_DOCS"))

    # Database: a full URL, or the seed's MARIADB_* parts, or SQLite in the data folder.
    database_url: SecretStr | None = Field(
        None, validation_alias=_env("DATABASE_URL", prefixed=False)
    )
    mariadb_host: str | None = Field(None, validation_alias=_env("MARIADB_HOST", prefixed=False))
    mariadb_port: int = Field(3306, validation_alias=_env("MARIADB_PORT", prefixed=False))
    mariadb_db: str = Field("cashbook", validation_alias=_env("MARIADB_DB", prefixed=False))
    mariadb_user: str = Field("cashbook", validation_alias=_env("MARIADB_USER", prefixed=False))
    mariadb_password: SecretStr = Field(
        SecretStr(""), validation_alias=_env("MARIADB_PASSWORD", prefixed=False)
    )
    database_echo: bool = Field(False, validation_alias=_env("DATABASE_ECHO"))
    # How long a write waits for SQLite's lock before the API answers 503 with Retry-After.
    database_lock_timeout_ms: int = Field(
        5000, ge=0, validation_alias=_env("DATABASE_LOCK_TIMEOUT_MS")
    )

    # Field-level encryption keys (used by the ledger); kept here so production checks them.
    db_encryption_key: SecretStr = Field(
        SecretStr(""), validation_alias=_env("DB_ENCRYPTION_KEY", prefixed=False)
    )
    # Ledger: older encryption keys still read (comma separated, until `cashbook keys rotate`
    # has moved every value to the current key) and the blind-index (HMAC) key. Format of every
    # key: 32 random bytes, base64 (`cashbook keys generate` prints one). See docs/security.md.
    db_encryption_retired_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, validation_alias=_env("DB_ENCRYPTION_RETIRED_KEYS", prefixed=False)
    )
    db_blind_index_key: SecretStr = Field(
        SecretStr(""), validation_alias=_env("DB_BLIND_INDEX_KEY", prefixed=False)
    )

    # Authentication
    access_token_lifetime_seconds: int = Field(3600, validation_alias=_env("ACCESS_TOKEN_LIFETIME"))
    session_lifetime_seconds: int = Field(14 * 24 * 3600, validation_alias=_env("SESSION_LIFETIME"))
    cookie_secure: bool | None = Field(None, validation_alias=_env("COOKIE_SECURE"))
    login_max_failures: int = Field(10, validation_alias=_env("LOGIN_MAX_FAILURES"))
    login_max_failures_per_ip: int = Field(100, validation_alias=_env("LOGIN_MAX_FAILURES_PER_IP"))
    login_window_seconds: int = Field(900, validation_alias=_env("LOGIN_WINDOW_SECONDS"))
    # Data endpoints answer 403 EMAIL_NOT_VERIFIED until the person confirmed their email; a
    # self-hoster whose users cannot receive mail may turn this off.
    require_verified_email: bool = Field(True, validation_alias=_env("REQUIRE_VERIFIED_EMAIL"))
    # Administrators without two-factor sign-in are refused on /admin/* until they set it up.
    admin_require_two_factor: bool = Field(False, validation_alias=_env("ADMIN_REQUIRE_2FA"))
    # Data exports (cashbook.exports): one a day per person; the link lives this long.
    export_interval_seconds: int = Field(24 * 3600, validation_alias=_env("EXPORT_INTERVAL"))
    export_link_lifetime_seconds: int = Field(
        24 * 3600, validation_alias=_env("EXPORT_LINK_LIFETIME")
    )
    # Verification and reset emails asked for by address: per address and per client address.
    mail_requests_per_email: int = Field(3, ge=1, validation_alias=_env("MAIL_REQUESTS_PER_EMAIL"))
    mail_requests_per_ip: int = Field(20, ge=1, validation_alias=_env("MAIL_REQUESTS_PER_IP"))
    mail_request_window_seconds: int = Field(
        3600, ge=60, validation_alias=_env("MAIL_REQUEST_WINDOW_SECONDS")
    )

    # Mail
    smtp_host: str | None = Field(None, validation_alias=_env("SMTP_HOST", prefixed=False))
    smtp_port: int = Field(587, validation_alias=_env("SMTP_PORT", prefixed=False))
    smtp_username: str | None = Field(None, validation_alias=_env("SMTP_USERNAME", prefixed=False))
    smtp_password: SecretStr = Field(
        SecretStr(""), validation_alias=_env("SMTP_PASSWORD", prefixed=False)
    )
    smtp_use_tls: bool = Field(False, validation_alias=_env("SMTP_USE_TLS", prefixed=False))
    smtp_use_ssl: bool = Field(False, validation_alias=_env("SMTP_USE_SSL", prefixed=False))
    smtp_from: str = Field(
        "Cashbook <no-reply@cashbook.local>", validation_alias=_env("SMTP_FROM", prefixed=False)
    )

    # The web app: the built files the API serves under /app/ in one-machine mode.
    web_dist_dir: Path = Field(
        Path(__file__).resolve().parents[2] / "frontend" / "dist",
        validation_alias=_env("WEB_DIST_DIR"),
    )

    # Observability: /metrics (Bearer METRICS_TOKEN when set; production requires it), the
    # worker's metrics port,
    # error reports to Sentry when SENTRY_DSN is set.
    metrics_token: SecretStr = Field(
        SecretStr(""), validation_alias=_env("METRICS_TOKEN", prefixed=False)
    )
    worker_metrics_port: int = Field(9100, validation_alias=_env("WORKER_METRICS_PORT"))
    sentry_dsn: SecretStr | None = Field(None, validation_alias=_env("SENTRY_DSN", prefixed=False))
    sentry_environment: str = Field("", validation_alias=_env("SENTRY_ENVIRONMENT", prefixed=False))
    sentry_release: str = Field("", validation_alias=_env("SENTRY_RELEASE", prefixed=False))
    sentry_traces_sample_rate: float = Field(
        0.0, ge=0.0, le=1.0, validation_alias=_env("SENTRY_TRACES_SAMPLE_RATE", prefixed=False)
    )

    # Sign-in with OpenID Connect (auth/providers). A provider is enabled when its client id and
    # secret are set. MojeID's test instance: https://mojeid.regtest.nic.cz/oidc/; Bank iD's
    # sandbox: https://oidc.sandbox.bankid.cz/ (docs/oidc.md).
    mojeid_client_id: str | None = Field(
        None, validation_alias=_env("MOJEID_CLIENT_ID", prefixed=False)
    )
    mojeid_client_secret: SecretStr | None = Field(
        None, validation_alias=_env("MOJEID_CLIENT_SECRET", prefixed=False)
    )
    mojeid_issuer_url: str = Field(
        "https://mojeid.cz/oidc/", validation_alias=_env("MOJEID_ISSUER_URL", prefixed=False)
    )
    bankid_client_id: str | None = Field(
        None, validation_alias=_env("BANKID_CLIENT_ID", prefixed=False)
    )
    bankid_client_secret: SecretStr | None = Field(
        None, validation_alias=_env("BANKID_CLIENT_SECRET", prefixed=False)
    )
    bankid_issuer_url: str = Field(
        "https://oidc.bankid.cz/", validation_alias=_env("BANKID_ISSUER_URL", prefixed=False)
    )
    oidc_issuer_url: str | None = Field(
        None, validation_alias=_env("OIDC_ISSUER_URL", prefixed=False)
    )
    oidc_client_id: str | None = Field(
        None, validation_alias=_env("OIDC_CLIENT_ID", prefixed=False)
    )
    oidc_client_secret: SecretStr | None = Field(
        None, validation_alias=_env("OIDC_CLIENT_SECRET", prefixed=False)
    )
    oidc_name: str = Field("oidc", validation_alias=_env("OIDC_NAME", prefixed=False))
    oidc_display_name: str = Field(
        "Single sign-on", validation_alias=_env("OIDC_DISPLAY_NAME", prefixed=False)
    )
    oidc_scopes: str = Field(
        "openid email profile", validation_alias=_env("OIDC_SCOPES", prefixed=False)
    )
    oidc_http_timeout_seconds: float = Field(5.0, validation_alias=_env("OIDC_HTTP_TIMEOUT"))
    oidc_discovery_ttl_seconds: int = Field(3600, validation_alias=_env("OIDC_DISCOVERY_TTL"))

    # Background work (Celery). RabbitMQ from the seed's RABBITMQ_* parts, or a full
    # CASHBOOK_BROKER_URL; without either, the embedded broker: a SQLite file in the data folder.
    rabbitmq_host: str | None = Field(None, validation_alias=_env("RABBITMQ_HOST", prefixed=False))
    rabbitmq_port: int = Field(5672, validation_alias=_env("RABBITMQ_PORT", prefixed=False))
    rabbitmq_username: str = Field(
        "guest", validation_alias=_env("RABBITMQ_USERNAME", prefixed=False)
    )
    rabbitmq_password: SecretStr = Field(
        SecretStr(""), validation_alias=_env("RABBITMQ_PASSWORD", prefixed=False)
    )
    rabbitmq_vhost: str = Field("/", validation_alias=_env("RABBITMQ_VHOST", prefixed=False))
    broker_url_override: SecretStr | None = Field(None, validation_alias=_env("BROKER_URL"))
    # Run each job in the process that enqueued it, right after the commit (the in-process
    # tests use this; nothing else should).
    jobs_inline: bool = Field(False, validation_alias=_env("JOBS_INLINE"))
    worker_concurrency: int = Field(2, validation_alias=_env("WORKER_CONCURRENCY"))
    # An outbox row older than this with no delivery is sent by the periodic drain.
    outbox_grace_seconds: int = Field(120, validation_alias=_env("OUTBOX_GRACE_SECONDS"))
    # How often each API process reads new live events while someone is connected.
    live_poll_seconds: float = Field(1.0, gt=0, validation_alias=_env("LIVE_POLL_SECONDS"))
    # Live events are kept this long: a client that reconnects within it misses nothing.
    live_retention_hours: int = Field(24, ge=1, validation_alias=_env("LIVE_RETENTION_HOURS"))
    cron_token: SecretStr = Field(
        SecretStr(""), validation_alias=_env("CRON_TOKEN", prefixed=False)
    )

    # Exchange rates: UniRate with a key; stored snapshots always convert.
    unirate_api_key: SecretStr = Field(
        SecretStr(""), validation_alias=_env("UNIRATE_API_KEY", prefixed=False)
    )
    unirate_url: str = Field("https://api.unirateapi.com", validation_alias=_env("UNIRATE_URL"))
    rates_base: str = Field("EUR", validation_alias=_env("RATES_BASE"))
    # Without a UniRate key, the Czech National Bank's daily fixing (free, no key); empty: none.
    cnb_url: str = Field(
        "https://www.cnb.cz/en/financial-markets/foreign-exchange-market/"
        "central-bank-exchange-rate-fixing/central-bank-exchange-rate-fixing/daily.txt",
        validation_alias=_env("CNB_RATES_URL"),
    )

    # Bank connections (Česká spořitelna, Accounts API v3) and statement imports. Without
    # CSAS_CLIENT_ID a development machine connects to the fake bank the API serves at
    # /fake-bank (CASHBOOK_FAKE_BANK=false turns it off; production never has it).
    csas_api_key: SecretStr = Field(
        SecretStr(""), validation_alias=_env("CSAS_API_KEY", prefixed=False)
    )
    csas_client_id: str = Field("", validation_alias=_env("CSAS_CLIENT_ID", prefixed=False))
    csas_client_secret: SecretStr = Field(
        SecretStr(""), validation_alias=_env("CSAS_CLIENT_SECRET", prefixed=False)
    )
    csas_base_url: str = Field(
        "https://www.csas.cz/webapi/api/v3/accounts", validation_alias=_env("CSAS_BASE_URL")
    )
    csas_auth_url: str = Field(
        "https://bezpecnost.csas.cz/api/psd2/fl/oidc/v1/auth",
        validation_alias=_env("CSAS_AUTH_URL"),
    )
    csas_token_url: str = Field(
        "https://bezpecnost.csas.cz/api/psd2/fl/oidc/v1/token",
        validation_alias=_env("CSAS_TOKEN_URL"),
    )
    csas_revoke_url: str = Field(
        "https://bezpecnost.csas.cz/api/psd2/fl/oidc/v1/revoke",
        validation_alias=_env("CSAS_REVOKE_URL"),
    )
    fake_bank: bool | None = Field(None, validation_alias=_env("FAKE_BANK"))
    bank_sync_interval_seconds: int = Field(
        6 * 3600, ge=300, validation_alias=_env("BANK_SYNC_INTERVAL")
    )
    bank_sync_overlap_days: int = Field(
        7, ge=0, le=60, validation_alias=_env("BANK_SYNC_OVERLAP_DAYS")
    )
    # How far back the first sync reads, while the consent is fresh (the bank allows more than
    # 90 days only right after strong authentication).
    bank_history_days: int = Field(365, ge=1, le=730, validation_alias=_env("BANK_HISTORY_DAYS"))
    import_max_bytes: int = Field(
        20 * 1_048_576, ge=1024, validation_alias=_env("IMPORT_MAX_BYTES")
    )
    # How long a bank consent lasts (Česká spořitelna: 180 days), and how early before its end
    # a connection counts in the cashbook_bank_consents_expiring gauge (and its alert).
    bank_consent_days: int = Field(180, ge=1, validation_alias=_env("BANK_CONSENT_DAYS"))
    bank_consent_warning_days: int = Field(
        14, ge=0, validation_alias=_env("BANK_CONSENT_WARNING_DAYS")
    )

    @model_validator(mode="before")
    @classmethod
    def _split_lists(cls, data: dict) -> dict:
        for key in (
            "CASHBOOK_CORS_ORIGINS",
            "cors_origins",
            "DB_ENCRYPTION_RETIRED_KEYS",
            "db_encryption_retired_keys",
        ):
            value = data.get(key)
            if isinstance(value, str):
                data[key] = [item.strip() for item in value.split(",") if item.strip()]
        return data

    @model_validator(mode="after")
    def _key_formats(self) -> Self:
        # A malformed key stops the start with the variable's name, never a traceback later.
        named = [
            ("DB_ENCRYPTION_KEY", self.db_encryption_key),
            ("DB_BLIND_INDEX_KEY", self.db_blind_index_key),
            *(("DB_ENCRYPTION_RETIRED_KEYS", key) for key in self.db_encryption_retired_keys),
        ]
        for name, key in named:
            plain = key.get_secret_value()
            if plain and plain != DEFAULT_SECRET:
                check_key(name, plain)
        return self

    @model_validator(mode="after")
    def _defaults_and_production_secrets(self) -> Self:
        if not self.public_url:
            self.public_url = f"http://{self.host}:{self.port}"
        self.public_url = self.public_url.rstrip("/")
        if not self.web_url:
            self.web_url = f"{self.public_url}/app"
        self.web_url = self.web_url.rstrip("/")
        self._check_split_origin()
        self._check_sign_in_providers()
        if self.env is Environment.production:
            self._enforce_non_default_secrets()
        return self

    def _check_split_origin(self) -> None:
        """The web app on a host of its own reads the CSRF cookie the API sets: both hosts must
        sit under CASHBOOK_COOKIE_DOMAIN, or the first unsafe request fails with CSRF_FAILED."""
        web, api = urlsplit(self.web_url).hostname or "", urlsplit(self.public_url).hostname or ""
        if web == api and not self.cookie_domain:
            return
        domain = (self.cookie_domain or "").lstrip(".").lower()
        inside = all(host == domain or host.endswith(f".{domain}") for host in (web, api))
        if not domain or not inside:
            raise ValueError(
                f"CASHBOOK_WEB_URL ({web}) and CASHBOOK_PUBLIC_URL ({api}) are different hosts: "
                "set CASHBOOK_COOKIE_DOMAIN to a parent domain of both"
            )
        self.cookie_domain = domain

    def _check_sign_in_providers(self) -> None:
        """A provider is configured fully or not at all: half a configuration is a mistake."""
        groups = {
            "MOJEID": {
                "MOJEID_CLIENT_ID": self.mojeid_client_id,
                "MOJEID_CLIENT_SECRET": self.mojeid_client_secret,
            },
            "BANKID": {
                "BANKID_CLIENT_ID": self.bankid_client_id,
                "BANKID_CLIENT_SECRET": self.bankid_client_secret,
            },
            "OIDC": {
                "OIDC_ISSUER_URL": self.oidc_issuer_url,
                "OIDC_CLIENT_ID": self.oidc_client_id,
                "OIDC_CLIENT_SECRET": self.oidc_client_secret,
            },
        }
        for prefix, values in groups.items():
            missing = [name for name, value in values.items() if _blank(value)]
            if 0 < len(missing) < len(values):
                raise ValueError(
                    f"{', '.join(missing)} must be set too, or none of the {prefix}_* settings"
                )
        if not re.fullmatch(r"[a-z][a-z0-9-]{0,31}", self.oidc_name):
            raise ValueError(
                "OIDC_NAME is the provider's route name: lower-case letters, digits and '-' "
                "(e.g. keycloak); the button's label is OIDC_DISPLAY_NAME"
            )
        if self.oidc_name in ("mojeid", "bankid"):
            raise ValueError("OIDC_NAME must differ from the built-in providers mojeid and bankid")

    def _enforce_non_default_secrets(self) -> None:
        required: dict[str, SecretStr | None] = {
            "CASHBOOK_SECRET_KEY": self.secret_key,
            "DB_ENCRYPTION_KEY": self.db_encryption_key,
            "DB_BLIND_INDEX_KEY": self.db_blind_index_key,
        }
        if self.database_url is None:
            if self.mariadb_host is None:
                raise ValueError("production needs a database: set DATABASE_URL or MARIADB_HOST")
            required["MARIADB_PASSWORD"] = self.mariadb_password
        for name, value in required.items():
            plain = value.get_secret_value() if value is not None else ""
            if plain in ("", DEFAULT_SECRET):
                raise ValueError(f"{name} must be set to a secret value in production")
        if len(self.secret_key.get_secret_value()) < 32:
            raise ValueError("CASHBOOK_SECRET_KEY must be at least 32 characters long")
        self._enforce_background_secrets()

    def _enforce_background_secrets(self) -> None:
        if self.broker_url_override is None:
            if self.rabbitmq_host is None:
                raise ValueError(
                    "production needs a broker: set RABBITMQ_HOST or CASHBOOK_BROKER_URL"
                )
            if self.rabbitmq_password.get_secret_value() in ("", "guest", DEFAULT_SECRET):
                raise ValueError("RABBITMQ_PASSWORD must be set to a secret value in production")
        if self.cron_token.get_secret_value() in ("", DEFAULT_SECRET):
            raise ValueError("CRON_TOKEN must be set to a secret value in production")
        if self.metrics_token.get_secret_value() in ("", DEFAULT_SECRET):
            raise ValueError("METRICS_TOKEN must be set to a secret value in production")

    @model_validator(mode="after")
    def _bank_settings(self) -> Self:
        if self.env is Environment.production and self.fake_bank:
            raise ValueError("CASHBOOK_FAKE_BANK cannot be on in production")
        if self.csas_client_id:
            for name, value in (
                ("CSAS_CLIENT_SECRET", self.csas_client_secret),
                ("CSAS_API_KEY", self.csas_api_key),
            ):
                if value.get_secret_value() in ("", DEFAULT_SECRET):
                    raise ValueError(f"{name} must be set when CSAS_CLIENT_ID is")
        return self

    @property
    def fake_bank_enabled(self) -> bool:
        """Whether this process serves (and connects to) the fake bank."""
        if self.fake_bank is not None:
            return self.fake_bank and not self.is_production
        return self.env is Environment.development and not self.csas_client_id

    @property
    def is_production(self) -> bool:
        return self.env is Environment.production

    @cached_property
    def sqlalchemy_url(self) -> str:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        if self.mariadb_host is not None:
            password = quote(self.mariadb_password.get_secret_value(), safe="")
            user = quote(self.mariadb_user, safe="")
            return (
                f"mysql+aiomysql://{user}:{password}@{self.mariadb_host}:{self.mariadb_port}"
                f"/{self.mariadb_db}?charset=utf8mb4"
            )
        return f"sqlite+aiosqlite:///{self.data_dir / 'cashbook.sqlite'}"

    @property
    def uses_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")

    @property
    def secure_cookies(self) -> bool:
        """Secure cookies everywhere but plain-HTTP loopback, unless set explicitly."""
        if self.cookie_secure is not None:
            return self.cookie_secure
        parts = urlsplit(self.public_url)
        host = parts.hostname or ""
        loopback = host in ("localhost", "127.0.0.1") or host.endswith(".localhost")
        return not (parts.scheme == "http" and loopback)

    @property
    def browser_origins(self) -> list[str]:
        """Origins answered by CORS with credentials: the web app's when it is not the API's
        own, and CASHBOOK_CORS_ORIGINS."""
        web, api = urlsplit(self.web_url), urlsplit(self.public_url)
        own = [] if web.netloc == api.netloc else [f"{web.scheme}://{web.netloc}"]
        return list(dict.fromkeys(own + self.cors_origins))

    @property
    def mail_dir(self) -> Path:
        return self.data_dir / "mail"

    @property
    def broker_url(self) -> str:
        if self.broker_url_override is not None:
            return self.broker_url_override.get_secret_value()
        if self.rabbitmq_host is not None:
            user = quote(self.rabbitmq_username, safe="")
            password = quote(self.rabbitmq_password.get_secret_value(), safe="")
            vhost = quote(self.rabbitmq_vhost, safe="")
            return f"amqp://{user}:{password}@{self.rabbitmq_host}:{self.rabbitmq_port}/{vhost}"
        return f"{EMBEDDED_BROKER_SCHEME}+sqlite:///{(self.data_dir / 'broker.sqlite').resolve()}"

    @property
    def uses_embedded_broker(self) -> bool:
        return self.broker_url.startswith(f"{EMBEDDED_BROKER_SCHEME}+")

    def signing_key(self) -> str:
        return self.secret_key.get_secret_value()


# Secrets a one-machine setup generates into its data folder when they are not set:
# (setting, file name, what it is for, how to make one).
LOCAL_SECRETS: tuple[tuple[str, str, str, Callable[[], str]], ...] = (
    ("secret_key", "secret.key", "signing key", lambda: secrets.token_urlsafe(48)),
    ("db_encryption_key", "encryption.key", "database encryption key", new_key),
    ("db_blind_index_key", "blind-index.key", "blind-index key", new_key),
)


def load_local_secret(settings: Settings) -> Settings:
    """Give a development machine the keys it needs, kept in the data folder.

    Production never gets here without them set (the validator refuses to start). Losing the
    encryption keys loses the encrypted data: the warning says to back them up.
    """
    for field, file_name, what, make in LOCAL_SECRETS:
        if getattr(settings, field).get_secret_value():
            continue
        key_file = settings.data_dir / file_name
        if not key_file.exists():
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            key_file.write_text(make())
            key_file.chmod(0o600)
            log.warning(f"generated a {what}; back it up with the data folder", path=str(key_file))
        setattr(settings, field, SecretStr(key_file.read_text().strip()))
    return settings


def keep_data_private(settings: Settings) -> None:
    """Make everything this process creates owner-only (umask 077), and take back group and
    other access from a data folder made before: it holds the database, its WAL with live
    sessions, the keys and the mail folder with one-time links. The folder is not created
    here: a cluster's API has none (and a read-only root filesystem)."""
    os.umask(0o077)
    for folder, _, names in os.walk(settings.data_dir):
        for path in (Path(folder), *(Path(folder) / name for name in names)):
            mode = path.stat().st_mode
            if mode & 0o077:
                path.chmod(mode & 0o700)


def get_settings(*, local_secrets: bool = True) -> Settings:
    """The process's settings. Logging is configured first, so that even the warnings about
    generated keys come out in the configured format. `local_secrets=False` leaves the data
    folder alone (a restore needs it empty)."""
    settings = Settings()
    configure_logging(settings.log_level, settings.log_format)
    keep_data_private(settings)
    return load_local_secret(settings) if local_secrets else settings

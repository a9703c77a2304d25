"""Which banks this installation can connect to, and how to reach each."""

from cashbook.banking.csas import CsasConfig, CsasProvider
from cashbook.banking.fake_bank.state import FakeBankConfig
from cashbook.banking.provider import BankProvider
from cashbook.config import Settings
from cashbook.kit.errors import CashbookError, NotFound

FAKE_BANK_PATH = "/fake-bank"


class BankProviderNotFound(NotFound):
    code = "BANK_PROVIDER_NOT_FOUND"


class BankNotConfigured(CashbookError):
    status_code = 503
    code = "BANK_NOT_CONFIGURED"


def csas_config(settings: Settings) -> CsasConfig | None:
    """How to reach Česká spořitelna: the fake one this API serves on a development
    machine, the real one when CSAS_CLIENT_ID (with its secret and API key) is set."""
    if settings.fake_bank_enabled:
        root = f"{settings.public_url}{FAKE_BANK_PATH}"
        demo = FakeBankConfig()
        return CsasConfig(
            api_url=f"{root}/webapi/api/v3/accounts",
            auth_url=f"{root}/oauth/auth",
            token_url=f"{root}/oauth/token",
            revoke_url=f"{root}/oauth/revoke",
            api_key=demo.api_key,
            client_id=demo.client_id,
            client_secret=demo.client_secret,
        )
    if not settings.csas_client_id:
        return None
    return CsasConfig(
        api_url=settings.csas_base_url.rstrip("/"),
        auth_url=settings.csas_auth_url,
        token_url=settings.csas_token_url,
        revoke_url=settings.csas_revoke_url or None,
        api_key=settings.csas_api_key.get_secret_value(),
        client_id=settings.csas_client_id,
        client_secret=settings.csas_client_secret.get_secret_value(),
    )


PROVIDERS = {"csas": ("Česká spořitelna", csas_config)}


def is_available(settings: Settings, name: str) -> bool:
    return name in PROVIDERS and PROVIDERS[name][1](settings) is not None


def provider_for(settings: Settings, name: str) -> BankProvider:
    """A provider client (close it with `aclose()`)."""
    if name not in PROVIDERS:
        raise BankProviderNotFound(f"No bank provider named {name!r}.")
    config = PROVIDERS[name][1](settings)
    if config is None:
        raise BankNotConfigured(
            "This installation is not set up to connect to that bank (CSAS_CLIENT_ID, "
            "CSAS_CLIENT_SECRET and CSAS_API_KEY)."
        )
    return CsasProvider(config)

"""Which OpenID providers are enabled, read from settings alone: listing them needs no network."""

from dataclasses import dataclass, field

from pydantic import SecretStr

from cashbook.config import Settings

MOJEID_SCOPES = ("openid", "email", "profile")
BANKID_SCOPES = ("openid", "profile.name", "profile.email")


@dataclass(frozen=True, slots=True)
class ProviderConfig:
    name: str  # the route segment: /auth/{name}/authorize
    display_name: str
    issuer: str
    client_id: str
    client_secret: SecretStr = field(repr=False)
    scopes: tuple[str, ...]


def configured_providers(settings: Settings) -> dict[str, ProviderConfig]:
    """The enabled providers by name, in the order the sign-in page shows them."""
    providers: list[ProviderConfig] = []
    if settings.mojeid_client_id and settings.mojeid_client_secret:
        providers.append(
            ProviderConfig(
                name="mojeid",
                display_name="MojeID",
                issuer=settings.mojeid_issuer_url,
                client_id=settings.mojeid_client_id,
                client_secret=settings.mojeid_client_secret,
                scopes=MOJEID_SCOPES,
            )
        )
    if settings.bankid_client_id and settings.bankid_client_secret:
        providers.append(
            ProviderConfig(
                name="bankid",
                display_name="Bank iD",
                issuer=settings.bankid_issuer_url,
                client_id=settings.bankid_client_id,
                client_secret=settings.bankid_client_secret,
                scopes=BANKID_SCOPES,
            )
        )
    if settings.oidc_issuer_url and settings.oidc_client_id and settings.oidc_client_secret:
        providers.append(
            ProviderConfig(
                name=settings.oidc_name,
                display_name=settings.oidc_display_name,
                issuer=settings.oidc_issuer_url,
                client_id=settings.oidc_client_id,
                client_secret=settings.oidc_client_secret,
                scopes=tuple(settings.oidc_scopes.split()),
            )
        )
    return {provider.name: provider for provider in providers}

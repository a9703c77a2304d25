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
    s = settings
    candidates = (
        ("mojeid", "MojeID", s.mojeid_issuer_url, s.mojeid_client_id, s.mojeid_client_secret),
        ("bankid", "Bank iD", s.bankid_issuer_url, s.bankid_client_id, s.bankid_client_secret),
        (
            s.oidc_name,
            s.oidc_display_name,
            s.oidc_issuer_url,
            s.oidc_client_id,
            s.oidc_client_secret,
        ),
    )
    scopes = {"mojeid": MOJEID_SCOPES, "bankid": BANKID_SCOPES}
    return {
        name: ProviderConfig(
            name=name,
            display_name=display_name,
            issuer=issuer,
            client_id=client_id,
            client_secret=secret,
            scopes=scopes.get(name) or tuple(s.oidc_scopes.split()),
        )
        for name, display_name, issuer, client_id, secret in candidates
        if issuer and client_id and secret
    }

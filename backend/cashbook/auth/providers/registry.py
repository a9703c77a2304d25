"""The enabled providers of one app, built from settings without touching the network."""

from typing import Annotated

from fastapi import Depends, Path, Request

from cashbook.auth.providers.client import OpenIDProvider
from cashbook.auth.providers.config import configured_providers
from cashbook.auth.providers.errors import ProviderNotFound
from cashbook.config import Settings


class ProviderRegistry:
    def __init__(self, settings: Settings) -> None:
        self.providers = {
            name: OpenIDProvider(
                config,
                timeout=settings.oidc_http_timeout_seconds,
                cache_seconds=settings.oidc_discovery_ttl_seconds,
            )
            for name, config in configured_providers(settings).items()
        }

    def get(self, name: str) -> OpenIDProvider:
        provider = self.providers.get(name)
        if provider is None:
            raise ProviderNotFound(f"No sign-in provider is called {name!r} here.")
        return provider

    def display_name(self, name: str) -> str:
        provider = self.providers.get(name)
        return provider.config.display_name if provider is not None else name


def get_registry(request: Request) -> ProviderRegistry:
    return request.app.state.oidc_providers


def get_provider(
    registry: Annotated[ProviderRegistry, Depends(get_registry)],
    provider: Annotated[str, Path(pattern=r"^[a-z][a-z0-9-]{0,31}$")],
) -> OpenIDProvider:
    return registry.get(provider)


RegistryDep = Annotated[ProviderRegistry, Depends(get_registry)]
ProviderDep = Annotated[OpenIDProvider, Depends(get_provider)]

"""One OpenID provider as Cashbook talks to it.

Nothing here touches the network until a person signs in: the discovery document and the keys
are fetched on first use, with a timeout, and cached (a failure is remembered for a few seconds
so a provider that is down costs one timeout, not one per request). A provider being down never
stops the API from starting; only its own sign-in answers 503.
"""

import asyncio
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx
import jwt
import structlog
from httpx_oauth.oauth2 import BaseOAuth2, GetAccessTokenError

from cashbook.auth.providers import id_token
from cashbook.auth.providers.config import ProviderConfig
from cashbook.auth.providers.errors import CodeRejected, IdTokenRejected, ProviderUnavailable

log = structlog.get_logger(__name__)

DISCOVERY_PATH = "/.well-known/openid-configuration"
RETRY_AFTER_FAILURE_SECONDS = 10
# Claims an answer from the userinfo endpoint may not change.
PROTECTED_CLAIMS = frozenset({"iss", "sub", "aud", "azp", "exp", "iat", "nbf", "nonce"})

TokenAuthMethod = Literal["client_secret_basic", "client_secret_post"]


def discovery_urls(issuer: str) -> list[str]:
    """Where the discovery document may be: below the issuer (OpenID Connect Discovery 1.0),
    then at the host's root (MojeID documents `https://mojeid.cz/.well-known/...` for its
    `/oidc/` issuer). The document's own `issuer` must match either way."""
    urls = [issuer.rstrip("/") + DISCOVERY_PATH]
    parts = urlsplit(issuer)
    if parts.path.strip("/"):
        urls.append(f"{parts.scheme}://{parts.netloc}{DISCOVERY_PATH}")
    return urls


def _same_issuer(configured: str, announced: str) -> bool:
    return configured == announced or configured.rstrip("/") == announced.rstrip("/")


@dataclass(frozen=True, slots=True)
class Metadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    token_auth_method: TokenAuthMethod
    id_token_algorithms: frozenset[str]

    @classmethod
    def parse(cls, document: Any, configured_issuer: str) -> "Metadata":
        """Raises ValueError saying what makes the document unusable."""
        if not isinstance(document, dict):
            raise ValueError("the discovery document is not a JSON object")
        issuer = document.get("issuer")
        if not isinstance(issuer, str) or not _same_issuer(configured_issuer, issuer):
            raise ValueError(f"the discovery document names another issuer: {issuer!r}")
        endpoints = {}
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            value = document.get(key)
            if not isinstance(value, str) or not value.startswith(("https://", "http://")):
                raise ValueError(f"the discovery document has no usable {key}")
            endpoints[key] = value
        userinfo = document.get("userinfo_endpoint")
        methods = document.get("token_endpoint_auth_methods_supported", ["client_secret_basic"])
        if "client_secret_basic" in methods:
            auth_method: TokenAuthMethod = "client_secret_basic"
        elif "client_secret_post" in methods:
            auth_method = "client_secret_post"
        else:
            raise ValueError("the provider accepts no client secret at its token endpoint")
        challenges = document.get("code_challenge_methods_supported")
        if challenges is not None and "S256" not in challenges:
            raise ValueError("the provider does not support PKCE with S256")
        announced = document.get("id_token_signing_alg_values_supported", ["RS256"])
        algorithms = id_token.ASYMMETRIC_ALGORITHMS & set(announced)
        if not algorithms:
            raise ValueError("the provider signs ID tokens only with algorithms Cashbook refuses")
        return cls(
            issuer=issuer,
            userinfo_endpoint=userinfo if isinstance(userinfo, str) else None,
            token_auth_method=auth_method,
            id_token_algorithms=frozenset(algorithms),
            **endpoints,
        )


@dataclass(frozen=True, slots=True)
class VerifiedIdentity:
    """Who the provider says signed in, after every check."""

    issuer: str
    subject: str
    claims: dict[str, Any]


class _OAuthClient(BaseOAuth2[dict[str, Any]]):
    """httpx-oauth's client with the provider's timeout."""

    def __init__(self, timeout: float, **options: Any) -> None:
        super().__init__(**options)
        self.timeout = timeout

    def get_httpx_client(self):
        return httpx.AsyncClient(timeout=self.timeout)


class OpenIDProvider:
    def __init__(self, config: ProviderConfig, *, timeout: float, cache_seconds: float) -> None:
        self.config = config
        self.timeout = timeout
        self.cache_seconds = cache_seconds
        self._metadata: Metadata | None = None
        self._fetched_at = 0.0
        self._failed_until = 0.0
        self._keys: jwt.PyJWKSet | None = None
        self._lock = asyncio.Lock()

    @property
    def name(self) -> str:
        return self.config.name

    def _unavailable(self, retry_after: float = RETRY_AFTER_FAILURE_SECONDS) -> ProviderUnavailable:
        return ProviderUnavailable(
            f"{self.config.display_name} cannot be reached right now. Try again in a minute, "
            "or sign in another way.",
            headers={"Retry-After": str(max(1, round(retry_after)))},
        )

    @asynccontextmanager
    async def _http(self, **options: Any):
        async with httpx.AsyncClient(timeout=self.timeout, **options) as http:
            yield http

    async def metadata(self) -> Metadata:
        if self._metadata is not None and time.monotonic() - self._fetched_at < self.cache_seconds:
            return self._metadata
        async with self._lock:
            now = time.monotonic()
            if self._metadata is not None and now - self._fetched_at < self.cache_seconds:
                return self._metadata
            if now < self._failed_until:
                if self._metadata is not None:
                    return self._metadata
                raise self._unavailable(self._failed_until - now)
            try:
                metadata = Metadata.parse(await self._discover(), self.config.issuer)
            except (httpx.HTTPError, ValueError) as error:
                self._failed_until = now + RETRY_AFTER_FAILURE_SECONDS
                log.warning(
                    "oidc discovery failed",
                    provider=self.name,
                    error=type(error).__name__,
                    reason=str(error)[:200],
                )
                if self._metadata is not None:  # a stale document beats no sign-in at all
                    return self._metadata
                raise self._unavailable() from error
            self._metadata, self._fetched_at = metadata, now
            return metadata

    async def _discover(self) -> Any:
        urls = discovery_urls(self.config.issuer)
        async with self._http(follow_redirects=True) as http:
            for index, url in enumerate(urls):
                response = await http.get(url, headers={"Accept": "application/json"})
                if response.status_code == 404 and index + 1 < len(urls):
                    continue
                response.raise_for_status()
                return response.json()
        raise ValueError("no discovery document")  # pragma: no cover - the loop returns

    async def keys(self, *, refresh: bool = False) -> jwt.PyJWKSet:
        metadata = await self.metadata()
        if self._keys is not None and not refresh:
            return self._keys
        try:
            async with self._http() as http:
                response = await http.get(metadata.jwks_uri, headers={"Accept": "application/json"})
                response.raise_for_status()
                self._keys = jwt.PyJWKSet.from_dict(response.json())
        except (httpx.HTTPError, ValueError, jwt.PyJWTError) as error:
            log.warning("oidc keys unavailable", provider=self.name, error=type(error).__name__)
            raise self._unavailable() from error
        return self._keys

    def _oauth(self, metadata: Metadata) -> _OAuthClient:
        return _OAuthClient(
            self.timeout,
            client_id=self.config.client_id,
            client_secret=self.config.client_secret.get_secret_value(),
            authorize_endpoint=metadata.authorization_endpoint,
            access_token_endpoint=metadata.token_endpoint,
            name=self.name,
            base_scopes=list(self.config.scopes),
            token_endpoint_auth_method=metadata.token_auth_method,
        )

    async def authorization_url(
        self, redirect_uri: str, *, state: str, nonce: str, code_challenge: str
    ) -> str:
        metadata = await self.metadata()
        return await self._oauth(metadata).get_authorization_url(
            redirect_uri,
            state,
            code_challenge=code_challenge,
            code_challenge_method="S256",
            extras_params={"nonce": nonce},
        )

    async def verified_identity(
        self, code: str, redirect_uri: str, *, code_verifier: str, nonce: str
    ) -> VerifiedIdentity:
        """Exchange the code (with the PKCE verifier), check the ID token, and add the userinfo
        claims when the ID token carries no email. The provider's tokens are dropped here."""
        metadata = await self.metadata()
        try:
            tokens = await self._oauth(metadata).get_access_token(code, redirect_uri, code_verifier)
        except GetAccessTokenError as error:
            status = error.response.status_code if error.response is not None else None
            if status is not None and 400 <= status < 500:
                raise CodeRejected(
                    f"{self.config.display_name} refused the sign-in code: it was already used, "
                    "has expired, or belongs to another sign-in. Please start again."
                ) from error
            log.warning("oidc token exchange failed", provider=self.name, status=status)
            raise self._unavailable() from error
        raw = tokens.get("id_token")
        if not isinstance(raw, str):
            raise IdTokenRejected(
                f"{self.config.display_name} sent no ID token. Please try again.",
                code="OIDC_ID_TOKEN_INVALID",
            )
        claims = await self._verify(raw, metadata, nonce)
        if not claims.get("email") and metadata.userinfo_endpoint and tokens.get("access_token"):
            extra = await self._userinfo(metadata.userinfo_endpoint, tokens["access_token"])
            if extra.get("sub") != claims["sub"]:
                raise IdTokenRejected(
                    "The sign-in could not be trusted: the provider's profile belongs to "
                    "someone else. Please try again.",
                    code="OIDC_USERINFO_MISMATCH",
                )
            claims = {**claims, **{k: v for k, v in extra.items() if k not in PROTECTED_CLAIMS}}
        return VerifiedIdentity(issuer=claims["iss"], subject=claims["sub"], claims=claims)

    async def _verify(self, raw: str, metadata: Metadata, nonce: str) -> dict[str, Any]:
        expected = id_token.Expected(
            issuer=metadata.issuer,
            client_id=self.config.client_id,
            nonce=nonce,
            algorithms=metadata.id_token_algorithms,
        )
        header = id_token.unverified_header(raw)
        algorithm = id_token.check_algorithm(header, expected)
        key = id_token.signing_key(header, await self.keys())
        if key is None:  # the provider may have rotated its keys since they were cached
            key = id_token.signing_key(header, await self.keys(refresh=True))
        return id_token.verify(raw, key, algorithm, expected)

    async def _userinfo(self, endpoint: str, access_token: str) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {access_token}", "Accept": "application/json"}
        try:
            async with self._http() as http:
                response = await http.get(endpoint, headers=headers)
                response.raise_for_status()
                data = response.json()
        except (httpx.HTTPError, ValueError) as error:
            log.warning("oidc userinfo failed", provider=self.name, error=type(error).__name__)
            raise self._unavailable() from error
        if not isinstance(data, dict):
            raise self._unavailable()
        return data

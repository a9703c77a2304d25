"""ID token checks (OpenID Connect Core 3.1.3.7), done here: httpx-oauth does not verify tokens.

The token must be signed by one of the provider's published keys with an asymmetric algorithm
(never `none`, never a shared secret), name the provider as `iss` and this client as `aud`, be
unexpired, and carry the nonce this browser's sign-in started with.
"""

import hmac
from dataclasses import dataclass
from typing import Any

import jwt

from cashbook.auth.providers.errors import IdTokenRejected

ASYMMETRIC_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
# Clocks differ a little between Cashbook and a provider.
LEEWAY_SECONDS = 60
MAX_SUBJECT_LENGTH = 255


@dataclass(frozen=True, slots=True)
class Expected:
    issuer: str
    client_id: str
    nonce: str
    algorithms: frozenset[str]


def _reject(code: str, why: str) -> IdTokenRejected:
    return IdTokenRejected(f"The sign-in could not be trusted: {why}. Please try again.", code=code)


def unverified_header(token: str) -> dict[str, Any]:
    try:
        return jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise _reject("OIDC_ID_TOKEN_INVALID", "the provider's ID token is malformed") from error


def signing_key(header: dict[str, Any], keys: jwt.PyJWKSet | None) -> jwt.PyJWK | None:
    """The published key the header points at (by `kid`, or the only signing key)."""
    if keys is None:
        return None
    candidates = [key for key in keys.keys if key.public_key_use in (None, "sig")]
    kid = header.get("kid")
    if kid is not None:
        candidates = [key for key in candidates if key.key_id == kid]
    return candidates[0] if len(candidates) == 1 else None


def check_algorithm(header: dict[str, Any], expected: Expected) -> str:
    algorithm = header.get("alg")
    if algorithm not in expected.algorithms:
        raise _reject(
            "OIDC_ID_TOKEN_SIGNATURE", f"the ID token is signed with {algorithm!r}, not accepted"
        )
    return algorithm


def verify(token: str, key: jwt.PyJWK | None, algorithm: str, expected: Expected) -> dict:
    """The verified claims, or IdTokenRejected with a code naming the failed check."""
    if key is None:
        raise _reject(
            "OIDC_ID_TOKEN_SIGNATURE",
            "the ID token is signed with a key the provider never published",
        )
    try:
        claims = jwt.decode(
            token,
            key.key,
            algorithms=[algorithm],
            audience=expected.client_id,
            issuer=expected.issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
    except jwt.InvalidSignatureError as error:
        raise _reject("OIDC_ID_TOKEN_SIGNATURE", "the ID token's signature is wrong") from error
    except jwt.ExpiredSignatureError as error:
        raise _reject("OIDC_ID_TOKEN_EXPIRED", "the ID token has expired") from error
    except jwt.InvalidAudienceError as error:
        raise _reject(
            "OIDC_ID_TOKEN_AUDIENCE", "the ID token was issued for another application"
        ) from error
    except jwt.InvalidIssuerError as error:
        raise _reject(
            "OIDC_ID_TOKEN_ISSUER", "the ID token was issued by another provider"
        ) from error
    except (jwt.PyJWTError, TypeError, ValueError) as error:
        raise _reject("OIDC_ID_TOKEN_INVALID", "the provider's ID token is not valid") from error

    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != expected.client_id:
        raise _reject("OIDC_ID_TOKEN_AUDIENCE", "the ID token was issued for another application")
    nonce = claims.get("nonce")
    if not isinstance(nonce, str) or not hmac.compare_digest(nonce, expected.nonce):
        raise _reject("OIDC_NONCE_MISMATCH", "the ID token belongs to another sign-in attempt")
    subject = claims["sub"]
    if not isinstance(subject, str) or not 0 < len(subject) <= MAX_SUBJECT_LENGTH:
        raise _reject("OIDC_ID_TOKEN_INVALID", "the ID token names no valid subject")
    return claims

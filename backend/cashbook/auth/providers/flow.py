"""The browser's half of a sign-in, done the fastapi-users way and a little further.

`state` is fastapi-users' signed state token holding a random CSRF token, and the same token
goes into fastapi-users' httpOnly CSRF cookie: a callback counts only in the browser that
started it. The PKCE verifier and the OIDC nonce are derived from that CSRF token with the
server's key, so they need no storage, the verifier never leaves the server, and an ID token is
accepted only with the nonce of the browser that presents it.
"""

import base64
import hashlib
import hmac
from dataclasses import dataclass
from enum import StrEnum

import jwt
from fastapi import Response
from fastapi_users.jwt import decode_jwt
from fastapi_users.router.oauth import (
    CSRF_TOKEN_COOKIE_NAME,
    CSRF_TOKEN_KEY,
    STATE_TOKEN_AUDIENCE,
    generate_csrf_token,
    generate_state_token,
)

from cashbook.auth.providers.errors import InvalidState
from cashbook.config import Settings

STATE_LIFETIME_SECONDS = 600
COOKIE_NAME = CSRF_TOKEN_COOKIE_NAME
COOKIE_PATH = "/auth"


class Flow(StrEnum):
    sign_in = "sign_in"
    link = "link"


def redirect_uri(settings: Settings, provider: str, flow: Flow) -> str:
    """The callback the provider sends the browser back to (register both at the provider)."""
    path = "callback" if flow is Flow.sign_in else "associate/callback"
    return f"{settings.public_url}/auth/{provider}/{path}"


def _b64(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _derive(settings: Settings, purpose: str, csrf_token: str) -> str:
    message = f"oidc-{purpose}:{csrf_token}".encode()
    return _b64(hmac.new(settings.signing_key().encode(), message, hashlib.sha256).digest())


@dataclass(frozen=True, slots=True)
class Started:
    state: str
    csrf_token: str
    nonce: str
    code_challenge: str


@dataclass(frozen=True, slots=True)
class Resumed:
    code_verifier: str
    nonce: str
    user_id: str | None


def start(settings: Settings, provider: str, flow: Flow, user_id: str | None = None) -> Started:
    csrf_token = generate_csrf_token()
    data = {CSRF_TOKEN_KEY: csrf_token, "provider": provider, "flow": flow.value}
    if user_id is not None:
        data["sub"] = user_id
    state = generate_state_token(data, settings.signing_key(), STATE_LIFETIME_SECONDS)
    verifier = _derive(settings, "pkce", csrf_token)
    return Started(
        state=state,
        csrf_token=csrf_token,
        nonce=_derive(settings, "nonce", csrf_token),
        code_challenge=_b64(hashlib.sha256(verifier.encode()).digest()),
    )


def resume(
    settings: Settings, state: str | None, cookie: str | None, provider: str, flow: Flow
) -> Resumed:
    """The started sign-in this callback continues, or InvalidState."""
    if not state:
        raise InvalidState("The answer from the provider has no state. Please start again.")
    try:
        data = decode_jwt(state, settings.signing_key(), [STATE_TOKEN_AUDIENCE])
    except jwt.ExpiredSignatureError as error:
        raise InvalidState("The sign-in took too long. Please start again.") from error
    except jwt.PyJWTError as error:
        raise InvalidState("The sign-in state is not valid. Please start again.") from error
    csrf_token = data.get(CSRF_TOKEN_KEY)
    if not cookie or not isinstance(csrf_token, str) or not hmac.compare_digest(cookie, csrf_token):
        raise InvalidState(
            "This sign-in was started in another browser or tab, or its cookie is gone. "
            "Please start again here."
        )
    if data.get("provider") != provider or data.get("flow") != flow.value:
        raise InvalidState("This answer belongs to another sign-in. Please start again.")
    return Resumed(
        code_verifier=_derive(settings, "pkce", csrf_token),
        nonce=_derive(settings, "nonce", csrf_token),
        user_id=data.get("sub"),
    )


def set_cookie(response: Response, settings: Settings, csrf_token: str) -> None:
    response.set_cookie(
        COOKIE_NAME,
        csrf_token,
        max_age=STATE_LIFETIME_SECONDS,
        path=COOKIE_PATH,
        secure=settings.secure_cookies,
        httponly=True,
        samesite="lax",
    )


def clear_cookie(response: Response, settings: Settings) -> None:
    """A state counts once: the callback removes the cookie whatever the outcome."""
    response.delete_cookie(
        COOKIE_NAME, path=COOKIE_PATH, secure=settings.secure_cookies, httponly=True, samesite="lax"
    )

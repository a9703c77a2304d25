"""Sign-in and account linking with OpenID providers, on the routes fastapi-users would give them
(`/auth/{name}/authorize`, `/auth/{name}/callback`, `/auth/{name}/associate/...`), plus the
list of providers and of a person's linked identities.

A callback answers the browser with a redirect into the web app (an error lands on
`/app/sign-in?error=<code>`), or, for an API client that asks with `?response=json` or
`Accept: application/json`, with JSON: the Bearer token as `/auth/jwt/login` gives it.
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated
from urllib.parse import urlencode

import structlog
from fastapi import APIRouter, Cookie, Depends, Query, Request, Response, status
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi_users.authentication.transport.bearer import BearerResponse
from fastapi_users.router.common import ErrorModel
from fastapi_users.router.oauth import OAuth2AuthorizeResponse
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.auth.backends import (
    CurrentUser,
    UserManagerDep,
    fastapi_users,
    get_database_strategy,
    get_jwt_strategy,
    set_session_cookies,
)
from cashbook.auth.providers import flow
from cashbook.auth.providers.errors import NotSignedIn
from cashbook.auth.providers.registry import ProviderDep, ProviderRegistry, RegistryDep
from cashbook.auth.providers.schemas import CallbackParams, IdentityRead, ProviderRead
from cashbook.auth.providers.service import oidc_service
from cashbook.config import Settings
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.kit.errors import CashbookError, error_response
from cashbook.models import OAuthIdentity, User

log = structlog.get_logger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])
identities_router = APIRouter(prefix="/users/me/identities", tags=["users"])

Callback = Annotated[CallbackParams, Query()]
CsrfCookie = Annotated[str | None, Cookie(alias=flow.COOKIE_NAME, include_in_schema=False)]
OptionalUser = Annotated[
    User | None, Depends(fastapi_users.current_user(active=True, optional=True))
]

AUTHORIZE_RESPONSES: dict[int | str, dict] = {
    status.HTTP_404_NOT_FOUND: {"model": ErrorModel, "description": "No such provider."},
    status.HTTP_503_SERVICE_UNAVAILABLE: {
        "model": ErrorModel,
        "description": "The provider cannot be reached.",
    },
}
CALLBACK_RESPONSES: dict[int | str, dict] = {
    status.HTTP_303_SEE_OTHER: {"description": "Browser: to the web app, or its error page."},
    status.HTTP_400_BAD_REQUEST: {"model": ErrorModel, "description": "JSON: refused."},
    status.HTTP_409_CONFLICT: {
        "model": ErrorModel,
        "description": "JSON: email or identity in use.",
    },
    **AUTHORIZE_RESPONSES,
}


def wants_json(request: Request, params: CallbackParams) -> bool:
    if params.response == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=status.HTTP_303_SEE_OTHER)


async def _answer(
    request: Request,
    params: CallbackParams,
    session: AsyncSession,
    settings: Settings,
    provider: str,
    refused_page: str,
    work: Callable[[bool], Awaitable[Response]],
) -> Response:
    """Run a callback's work, answering JSON or a redirect. Nothing of a refused attempt is
    kept, and the state's cookie is spent either way."""
    as_json = wants_json(request, params)
    try:
        response = await work(as_json)
    except CashbookError as error:
        await session.rollback()
        log.info("oidc refused", provider=provider, code=error.code)
        if as_json:
            response = error_response(error.status_code, error.detail, error.headers)
        else:
            response = _see_other(
                f"{refused_page}?{urlencode({'error': error.code, 'provider': provider})}"
            )
    flow.clear_cookie(response, settings)
    return response


def _identity_read(identity: OAuthIdentity, registry: ProviderRegistry) -> IdentityRead:
    return IdentityRead(
        id=identity.id,
        provider=identity.provider,
        display_name=registry.display_name(identity.provider),
        created_at=identity.created_at,
        last_login_at=identity.last_login_at,
    )


@router.get("/providers", operation_id="auth:providers.list", response_model=list[ProviderRead])
async def list_providers(registry: RegistryDep) -> list[ProviderRead]:
    """The OpenID providers a person can sign in with here."""
    return [
        ProviderRead(name=provider.name, display_name=provider.config.display_name)
        for provider in registry.providers.values()
    ]


@router.get(
    "/{provider}/authorize",
    operation_id="auth:oidc.authorize",
    response_model=OAuth2AuthorizeResponse,
    responses=AUTHORIZE_RESPONSES,
)
async def authorize(
    response: Response, provider: ProviderDep, settings: SettingsDep
) -> OAuth2AuthorizeResponse:
    """Start signing in with a provider: send the browser to `authorization_url`."""
    url, csrf_token = await oidc_service.authorization_url(
        settings, provider, flow.Flow.sign_in, None
    )
    flow.set_cookie(response, settings, csrf_token)
    return OAuth2AuthorizeResponse(authorization_url=url)


@router.get(
    "/{provider}/callback",
    operation_id="auth:oidc.callback",
    response_model=BearerResponse,
    responses=CALLBACK_RESPONSES,
)
async def callback(
    request: Request,
    provider: ProviderDep,
    params: Callback,
    session: SessionDep,
    settings: SettingsDep,
    user_manager: UserManagerDep,
    strategy=Depends(get_database_strategy),
    csrf_cookie: CsrfCookie = None,
) -> Response:
    """Finish signing in: a session cookie and a redirect for the browser, or a Bearer token."""

    async def sign_in(as_json: bool) -> Response:
        linked = await oidc_service.sign_in(
            session, settings, provider, user_manager, params, csrf_cookie, request
        )
        await user_manager.on_after_login(linked.user, request)
        if as_json:
            token = await get_jwt_strategy(settings).write_token(linked.user)
            bearer = BearerResponse(access_token=token, token_type="bearer")  # noqa: S106
            return JSONResponse(bearer.model_dump())
        response = _see_other(f"{settings.web_url}/")
        set_session_cookies(response, settings, await strategy.write_token(linked.user))
        return response

    page = f"{settings.web_url}/sign-in"
    return await _answer(request, params, session, settings, provider.name, page, sign_in)


@router.get(
    "/{provider}/associate/authorize",
    operation_id="auth:oidc.associate_authorize",
    response_model=OAuth2AuthorizeResponse,
    responses=AUTHORIZE_RESPONSES,
)
async def associate_authorize(
    response: Response, provider: ProviderDep, settings: SettingsDep, user: CurrentUser
) -> OAuth2AuthorizeResponse:
    """Start linking a provider to the signed-in account."""
    url, csrf_token = await oidc_service.authorization_url(
        settings, provider, flow.Flow.link, str(user.id)
    )
    flow.set_cookie(response, settings, csrf_token)
    return OAuth2AuthorizeResponse(authorization_url=url)


@router.get(
    "/{provider}/associate/callback",
    operation_id="auth:oidc.associate_callback",
    response_model=IdentityRead,
    responses=CALLBACK_RESPONSES,
)
async def associate_callback(
    request: Request,
    provider: ProviderDep,
    params: Callback,
    session: SessionDep,
    settings: SettingsDep,
    registry: RegistryDep,
    user: OptionalUser,
    csrf_cookie: CsrfCookie = None,
) -> Response:
    """Finish linking: back to the web app's settings, or the linked identity as JSON."""

    async def link(as_json: bool) -> Response:
        if user is None:
            raise NotSignedIn("Sign in first, then link the provider from Settings.")
        identity = await oidc_service.link(session, settings, provider, user, params, csrf_cookie)
        if as_json:
            return JSONResponse(_identity_read(identity, registry).model_dump(mode="json"))
        return _see_other(f"{settings.web_url}/settings?{urlencode({'linked': provider.name})}")

    page = f"{settings.web_url}/{'sign-in' if user is None else 'settings'}"
    return await _answer(request, params, session, settings, provider.name, page, link)


@identities_router.get("", operation_id="users:identities.list", response_model=list[IdentityRead])
async def list_identities(
    user: CurrentUser, session: SessionDep, registry: RegistryDep
) -> list[IdentityRead]:
    """The providers linked to the signed-in account."""
    identities = await oidc_service.identities(session, user)
    return [_identity_read(identity, registry) for identity in identities]


@identities_router.delete(
    "/{identity_id}",
    operation_id="users:identities.delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={
        status.HTTP_404_NOT_FOUND: {"model": ErrorModel, "description": "No such identity."},
        status.HTTP_409_CONFLICT: {"model": ErrorModel, "description": "The last way in."},
    },
)
async def delete_identity(identity_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> None:
    """Unlink a provider (refused when it is the account's only way to sign in)."""
    await oidc_service.unlink(session, user, identity_id)

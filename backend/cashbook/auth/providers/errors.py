"""Why an OpenID sign-in or link was refused: each error has a stable code the web app shows
(`/app/sign-in?error=<code>`) and a reason a person understands."""

from fastapi import status

from cashbook.kit.errors import CashbookError, Conflict, NotFound, PermissionDenied


class OIDCError(CashbookError):
    code = "OIDC_FAILED"


class ProviderNotFound(NotFound):
    code = "OIDC_PROVIDER_NOT_FOUND"


class ProviderUnavailable(CashbookError):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    code = "OIDC_PROVIDER_UNAVAILABLE"


class InvalidState(OIDCError):
    # fastapi-users' code for the same failure, so clients of its OAuth routes understand it.
    code = "OAUTH_INVALID_STATE"


class AuthorizationFailed(OIDCError):
    code = "OIDC_AUTHORIZATION_FAILED"


class CodeRejected(OIDCError):
    code = "OIDC_CODE_REJECTED"


class IdTokenRejected(OIDCError):
    """The ID token failed a check; `code` names which (signature, issuer, audience, ...)."""

    code = "OIDC_ID_TOKEN_INVALID"


class EmailMissing(OIDCError):
    code = "OIDC_EMAIL_MISSING"


class EmailInUse(Conflict):
    code = "OIDC_EMAIL_IN_USE"


class IdentityInUse(Conflict):
    code = "OIDC_IDENTITY_IN_USE"


class AccountInactive(PermissionDenied):
    code = "ACCOUNT_INACTIVE"


class NotSignedIn(CashbookError):
    status_code = status.HTTP_401_UNAUTHORIZED
    code = "NOT_SIGNED_IN"


class IdentityNotFound(NotFound):
    code = "IDENTITY_NOT_FOUND"


class LastSignInMethod(Conflict):
    code = "LAST_SIGN_IN_METHOD"

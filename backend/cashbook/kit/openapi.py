"""The OpenAPI document declares every status an operation can answer with, each with the one
error body (`kit/errors.py`), so a client generated from it (and a fuzzer checking it) meets no
undeclared answer.

Routes declare the statuses of their own rules (`responses=`, e.g. 409 for a taken name);
what follows from how a route is built is added here. Where it needs a signed-in user: 401,
and 403 (a CSRF failure, a missing permission or verified email); with input also 400 (a
domain rule, e.g. an amount with too many decimals) and 404 (an id in the input that is not
the caller's); when it writes, 409 (a taken name, a limit reached). 404 where its path names a
row, 413 where it takes a body, 422 where it takes any input. A dependency marked with
`refuses` names its codes in every operation that depends on it, directly or through others.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel

from cashbook.kit.errors import CashbookError, ErrorBody

WRITES = frozenset({"post", "put", "patch", "delete"})
ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
DESCRIPTIONS = {
    "400": "The request breaks a rule of the API.",
    "401": "Not signed in.",
    "403": "Not allowed (a missing CSRF header, permission or verified email).",
    "404": "No such row, or it belongs to someone else.",
    "409": "Conflicts with the current state.",
    "413": "The body is too large.",
    "422": "The input does not match the schema.",
    "429": "Too many requests.",
}


F = TypeVar("F", bound=Callable[..., Any])
# (path, method) -> status -> the codes the operation's dependencies refuse with.
Refusals = dict[tuple[str, str], dict[str, set[str]]]


def refuses(status: int, *codes: str) -> Callable[[F], F]:
    """Marks a dependency that refuses requests with `status` and these stable codes."""

    def mark(dependency: F) -> F:
        declared = dict(getattr(dependency, "__refuses__", {}))
        declared[str(status)] = declared.get(str(status), ()) + codes
        dependency.__refuses__ = declared  # type: ignore[attr-defined]
        return dependency

    return mark


def refusals(routes: list[Any]) -> Refusals:
    """What each route's dependencies (walked through the whole tree) are marked to refuse."""
    found: Refusals = {}
    # Routes of included routers come wrapped; each context reads like its route.
    for route in iter_route_contexts(routes):
        if not isinstance(route.original_route, APIRoute):
            continue
        by_status: dict[str, set[str]] = {}
        pending = [route.dependant]
        while pending:
            dependant = pending.pop()
            for status, codes in getattr(dependant.call, "__refuses__", {}).items():
                by_status.setdefault(status, set()).update(codes)
            pending.extend(dependant.dependencies)
        for method in route.methods:
            found[(route.path_format, method.lower())] = by_status
    return found


def raises(*errors: type[CashbookError]) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route whose own rules raise `errors`: each status once, in the one
    error body, described by the codes it may carry (a 422 also by the schema's field errors)."""
    codes: dict[int, list[str]] = defaultdict(list)
    for error in errors:
        if error.code not in codes[error.status_code]:
            codes[error.status_code].append(error.code)
    described = {
        status: ", ".join(found) + (" or field errors." if status == 422 else ".")
        for status, found in codes.items()
    }
    return {
        status: {"model": ErrorBody, "description": description}
        for status, description in sorted(described.items())
    }


def _component(model: type[BaseModel], components: dict[str, Any]) -> None:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schema.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components[model.__name__] = schema


def _declare(operation: dict[str, Any], status: str) -> None:
    responses = operation.setdefault("responses", {})
    if status not in responses:
        responses[status] = {
            "description": DESCRIPTIONS[status],
            "content": {"application/json": {"schema": ERROR_REF}},
        }


def _name_codes(operation: dict[str, Any], status: str, codes: set[str]) -> None:
    _declare(operation, status)
    response = operation["responses"][status]
    named = ", ".join(f"`{code}`" for code in sorted(codes))
    response["description"] = f"{response['description']} Codes: {named}."


def complete(document: dict[str, Any], refused: Refusals | None = None) -> dict[str, Any]:
    _component(ErrorBody, document.setdefault("components", {}).setdefault("schemas", {}))
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            for status, codes in (refused or {}).get((path, method), {}).items():
                _name_codes(operation, status, codes)
            takes_input = bool(operation.get("parameters")) or "requestBody" in operation
            if operation.get("security"):
                statuses = ["401", "403"] + (["400", "404"] if takes_input else [])
                statuses += ["409"] if method in WRITES else []
                for status in statuses:
                    _declare(operation, status)
            if "{" in path:
                _declare(operation, "404")
            if "requestBody" in operation:
                _declare(operation, "413")
            if takes_input:
                _declare(operation, "422")
            # fastapi-users' ErrorModel and our body are the same shape; one schema serves.
            for status, response in operation.get("responses", {}).items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if status >= "400" and schema == {"$ref": "#/components/schemas/ErrorModel"}:
                    response["content"]["application/json"]["schema"] = ERROR_REF
    return document


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    summary=app.summary,
                    routes=app.routes,
                ),
                refusals(app.routes),
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

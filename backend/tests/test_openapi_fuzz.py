"""Schemathesis over the whole OpenAPI document, against the API served over HTTP, signed in
as a verified user with some data: no 5xx, every answer's status declared and its body valid
against the declared schema. Bounded: a few generated requests per operation."""

import asyncio

import httpx
import hypothesis
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.factories import bearer_headers, create_user
from tests.hardening.server import AppServer

EXAMPLES_PER_OPERATION = 5
CHECKS = {
    "server errors": not_a_server_error,
    "undeclared status codes": status_code_conformance,
    "schema violations": response_schema_conformance,
}
# Operations that would end the fuzzing user's session rather than test anything.
SKIPPED = {("DELETE", "/users/me"), ("POST", "/auth/cookie/logout")}


def run_operation(operation, base_url: str, headers: dict, found: dict[str, list]) -> None:
    @hypothesis.given(case=operation.as_strategy())
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    def fuzz(case) -> None:
        response = case.call(base_url=base_url, headers=headers, timeout=30)
        for name, check in CHECKS.items():
            try:
                case.validate_response(response, checks=[check])
            except (Exception, BaseExceptionGroup) as failure:  # noqa: BLE001 - counted
                found[name].append(
                    f"{case.method} {case.formatted_path} -> {response.status_code}: "
                    f"{str(failure).splitlines()[0][:200]}"
                )

    fuzz()


async def test_the_api_answers_every_generated_request_as_its_openapi_says(app, settings, capsys):
    await create_user(app, "fuzz@example.com", verified=True)
    settings.fake_bank = True  # bank connections work, as on a development machine
    with AppServer(settings) as server:
        async with httpx.AsyncClient(base_url=server.url) as http:
            headers = await bearer_headers(http, "fuzz@example.com", "a sturdy passphrase 42")
        schema = schemathesis.openapi.from_dict(app.openapi())
        found: dict[str, list] = {name: [] for name in CHECKS}
        operations = 0
        for result in schema.get_all_operations():
            operation = result.ok()
            if (operation.method.upper(), operation.path) in SKIPPED:
                continue
            operations += 1
            await asyncio.to_thread(run_operation, operation, server.url, headers, found)
    counts = ", ".join(f"{len(items)} {name}" for name, items in found.items())
    with capsys.disabled():  # past pytest's capture, so every run shows the counts
        database = settings.sqlalchemy_url.split("+")[0]
        print(f"\nschemathesis on {database}: {operations} operations, {counts}")
    problems = [item for items in found.values() for item in items]
    assert not problems, "\n".join(sorted(set(problems))[:60])

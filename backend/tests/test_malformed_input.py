"""Bad input gets a clear 4xx and never a 500."""

import json

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

GOOD = {
    "email": "ok@example.com",
    "password": "long enough passphrase",
    "first_name": "A",
    "last_name": "B",
}


def field_errors(response) -> set[str]:
    return {error["loc"][-1] for error in response.json()["detail"]}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**GOOD, "email": "not-an-email"}, "email"),
        ({**GOOD, "email": "a" * 5000 + "@example.com"}, "email"),
        ({k: v for k, v in GOOD.items() if k != "first_name"}, "first_name"),
        ({k: v for k, v in GOOD.items() if k != "password"}, "password"),
        ({**GOOD, "password": "x" * 300}, "password"),
        ({**GOOD, "last_name": "   "}, "last_name"),
        ({**GOOD, "first_name": 42}, "first_name"),
    ],
)
async def test_register_names_the_bad_field(client, body, field):
    response = await client.post("/auth/register", json=body)
    assert response.status_code == 422
    assert field in field_errors(response)
    assert "input" not in response.text  # the offending value is not echoed back


async def test_short_password_is_explained(client):
    response = await client.post("/auth/register", json={**GOOD, "password": "short"})
    assert response.status_code == 400
    assert "at least 10 characters" in response.json()["detail"]["reason"]


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"[]", "application/json"),
        (b"[1, 2, 3]", "application/json"),
        (b"{", "application/json"),
        (b"null", "application/json"),
        (b"\xff\xfe\x00", "application/json"),
        (b"email=x", "application/x-www-form-urlencoded"),
        (b"", "application/json"),
    ],
)
async def test_register_with_a_body_that_is_not_an_object(client, content, content_type):
    response = await client.post(
        "/auth/register", content=content, headers={"Content-Type": content_type}
    )
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "form",
    [{}, {"username": "a@example.com"}, {"password": "x"}, {"username": "", "password": ""}],
)
async def test_login_with_missing_form_fields(client, form):
    response = await client.post("/auth/jwt/login", data=form)
    assert response.status_code in (400, 422)
    assert "detail" in response.json()


async def test_login_with_a_json_body_instead_of_a_form(client):
    response = await client.post(
        "/auth/jwt/login", json={"username": "a@example.com", "password": "x"}
    )
    assert response.status_code == 422
    assert {"username", "password"} <= field_errors(response)


async def test_huge_body_is_refused_before_it_is_read(client, settings):
    huge = b'{"email": "' + b"a" * (settings.max_body_bytes + 1) + b'"}'
    response = await client.post(
        "/auth/register", content=huge, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["detail"]["code"] == "REQUEST_TOO_LARGE"


async def test_huge_body_without_a_length_header_is_refused(client, settings):
    async def chunks():
        for _ in range(settings.max_body_bytes // 65536 + 2):
            yield b"a" * 65536

    response = await client.post(
        "/auth/register", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


async def test_unknown_route_and_method(client):
    assert (await client.get("/nowhere")).json() == {"detail": "Not Found"}
    assert (await client.delete("/auth/register")).status_code == 405


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=40),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=12), children, max_size=5)
        ),
        max_leaves=12,
    )
)
async def test_no_json_value_makes_register_fail_with_500(client, body):
    response = await client.post(
        "/auth/register", content=json.dumps(body), headers={"Content-Type": "application/json"}
    )
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()

"""Discovery: fetched on first use, cached, bounded by a timeout, and checked before it is
trusted. The providers here are small HTTP servers on loopback that serve a discovery document
(or nothing at all), so each property can be shown on its own."""

import json
import socket
import threading
from collections import Counter
from contextlib import asynccontextmanager, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from pydantic import SecretStr, ValidationError

from cashbook.app import create_app
from cashbook.auth.providers.client import Metadata, discovery_urls
from cashbook.config import Settings
from tests.conftest import make_settings
from tests.oidc.browser import query_of


def document(issuer: str, /, **changes) -> dict:
    root = issuer.rstrip("/")
    base = {
        "issuer": issuer,
        "authorization_endpoint": f"{root}/authorize",
        "token_endpoint": f"{root}/token",
        "jwks_uri": f"{root}/jwks",
        "userinfo_endpoint": f"{root}/userinfo",
        "code_challenge_methods_supported": ["S256"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }
    return {key: value for key, value in {**base, **changes}.items() if value is not None}


@contextmanager
def discovery_server(documents_for):
    """Serves `documents_for(base_url)` ({path: JSON}) and counts the requests per path."""
    hits: Counter[str] = Counter()
    routes: dict[str, dict] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            hits[self.path] += 1
            body = routes.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(body or {"error": "not found"}).encode())

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    routes.update(documents_for(base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, hits
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server():
    """Accepts connections and never answers, like a provider that hangs."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


@asynccontextmanager
async def app_for(tmp_path, issuer: str, **overrides):
    settings = make_settings(
        f"sqlite+aiosqlite:///{tmp_path / 'unused.sqlite'}",
        tmp_path,
        oidc_issuer_url=issuer,
        oidc_client_id="cashbook",
        oidc_client_secret="secret",
        **overrides,
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as c:
            yield c
    finally:
        await app.state.engine.dispose()


async def test_discovery_happens_once_and_is_cached(tmp_path):
    with discovery_server(lambda base: {"/.well-known/openid-configuration": document(base)}) as (
        base,
        hits,
    ):
        async with app_for(tmp_path, base) as client:
            assert hits == Counter()  # starting the app asked nothing
            for _ in range(3):
                response = await client.get("/auth/oidc/authorize")
                assert response.status_code == 200
            assert query_of(response.json()["authorization_url"])["client_id"] == "cashbook"
        assert hits == Counter({"/.well-known/openid-configuration": 1})


async def test_a_path_issuer_may_publish_its_document_at_the_host_root(tmp_path):
    # MojeID's issuer is https://mojeid.cz/oidc/ and it documents the root location.
    with discovery_server(
        lambda base: {"/.well-known/openid-configuration": document(f"{base}/oidc/")}
    ) as (base, hits):
        async with app_for(tmp_path, f"{base}/oidc/") as client:
            response = await client.get("/auth/oidc/authorize")
        assert response.status_code == 200, response.text
        assert response.json()["authorization_url"].startswith(f"{base}/oidc/authorize?")
        assert hits["/oidc/.well-known/openid-configuration"] == 1  # the standard place first


async def test_a_document_naming_another_issuer_is_not_trusted(tmp_path):
    with discovery_server(
        lambda base: {"/.well-known/openid-configuration": document("https://evil.example")}
    ) as (base, _hits):
        async with app_for(tmp_path, base) as client:
            response = await client.get("/auth/oidc/authorize")
    assert response.status_code == 503
    assert response.json()["detail"]["code"] == "OIDC_PROVIDER_UNAVAILABLE"


async def test_a_provider_that_never_answers_costs_one_timeout(tmp_path):
    with silent_server() as (url, accepted):
        async with app_for(tmp_path, url, oidc_http_timeout_seconds=0.3) as client:
            for _ in range(3):
                response = await client.get("/auth/oidc/authorize")
                assert response.status_code == 503
                assert response.json()["detail"]["code"] == "OIDC_PROVIDER_UNAVAILABLE"
            assert (await client.get("/auth/providers")).status_code == 200
        # The failure is remembered for a few seconds: the next requests did not wait again.
        assert len(accepted) == 1


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"issuer": "https://elsewhere.example"}, "another issuer"),
        ({"token_endpoint": None}, "no usable token_endpoint"),
        ({"jwks_uri": "file:///etc/passwd"}, "no usable jwks_uri"),
        ({"code_challenge_methods_supported": ["plain"]}, "PKCE with S256"),
        ({"id_token_signing_alg_values_supported": ["HS256", "none"]}, "algorithms"),
        ({"token_endpoint_auth_methods_supported": ["private_key_jwt"]}, "client secret"),
    ],
)
def test_an_unusable_discovery_document_is_refused(changes, problem):
    with pytest.raises(ValueError, match=problem):
        Metadata.parse(document("https://id.example", **changes), "https://id.example")


def test_discovery_document_choices():
    issuer = "https://oidc.example.cz/"
    metadata = Metadata.parse(
        document(
            issuer,
            token_endpoint_auth_methods_supported=["client_secret_post", "private_key_jwt"],
            id_token_signing_alg_values_supported=["RS256", "HS256", "ES256"],
        ),
        issuer.rstrip("/"),  # a trailing slash more or less is the same issuer
    )
    assert metadata.issuer == issuer  # ID tokens must name the issuer exactly as announced
    assert metadata.token_auth_method == "client_secret_post"
    assert metadata.id_token_algorithms == {"RS256", "ES256"}
    assert discovery_urls("https://mojeid.cz/oidc/") == [
        "https://mojeid.cz/oidc/.well-known/openid-configuration",
        "https://mojeid.cz/.well-known/openid-configuration",
    ]
    assert discovery_urls("https://oidc.bankid.cz/") == [
        "https://oidc.bankid.cz/.well-known/openid-configuration"
    ]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"MOJEID_CLIENT_ID": "id"}, "MOJEID_CLIENT_SECRET must be set too"),
        ({"BANKID_CLIENT_SECRET": "secret"}, "BANKID_CLIENT_ID must be set too"),
        ({"OIDC_ISSUER_URL": "https://id.example"}, "OIDC_CLIENT_ID, OIDC_CLIENT_SECRET"),
        (
            {"OIDC_CLIENT_ID": "id", "OIDC_CLIENT_SECRET": " "},
            "OIDC_ISSUER_URL, OIDC_CLIENT_SECRET",
        ),
        ({"OIDC_NAME": "bankid"}, "must differ from the built-in providers"),
        ({"OIDC_NAME": "Keycloak"}, "OIDC_NAME is the provider's route name"),
    ],
)
def test_half_a_provider_configuration_is_a_configuration_error(monkeypatch, values, message):
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=message):
        Settings()


def test_a_complete_provider_configuration_enables_it(monkeypatch):
    monkeypatch.setenv("BANKID_CLIENT_ID", "id")
    monkeypatch.setenv("BANKID_CLIENT_SECRET", "secret")
    monkeypatch.setenv("BANKID_ISSUER_URL", "https://oidc.sandbox.bankid.cz/")
    settings = Settings()
    assert settings.bankid_client_secret == SecretStr("secret")
    assert settings.bankid_issuer_url == "https://oidc.sandbox.bankid.cz/"

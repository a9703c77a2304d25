"""Defect 10: /metrics needs a token in production, /docs is off unless enabled and then
same-origin under a CSP, and an https deployment sends HSTS."""

import re

import pytest
from pydantic import ValidationError

from tests.test_config import production


def test_production_refuses_to_start_without_a_metrics_token(monkeypatch):
    with pytest.raises(ValidationError, match="METRICS_TOKEN"):
        production(monkeypatch, METRICS_TOKEN=None)


async def test_docs_are_off_by_default(client):
    assert (await client.get("/docs")).status_code == 404
    assert (await client.get("/redoc")).status_code == 404


async def test_enabled_docs_load_only_same_origin_files_under_a_csp(settings, tmp_path):
    import httpx

    from cashbook.app import create_app

    settings.api_docs = True
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
        page = await http.get("/docs")
        assert page.status_code == 200
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources and all(source.startswith("/docs/") for source in sources)
        assert "<script>" not in page.text  # no inline script for the CSP to allow
        for source in sources:
            assert (await http.get(source)).status_code == 200, source
    await app.state.engine.dispose()


async def test_hsts_only_when_the_public_url_is_https(settings):

    from cashbook.app import create_app

    assert "strict-transport-security" not in await _headers(create_app(settings))
    settings.public_url = "https://cashbook.example.com"
    headers = await _headers(create_app(settings))
    assert headers["strict-transport-security"] == "max-age=31536000"


async def _headers(app) -> dict:
    import httpx

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
        headers = dict((await http.get("/healthz")).headers)
    await app.state.engine.dispose()
    return headers

"""The built web app served under /app/ in one-machine mode."""

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from cashbook.app import create_app
from tests.conftest import make_settings

INDEX = "<!doctype html><title>Cashbook</title><div id=root></div>"


async def _client(tmp_path: Path, dist: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = make_settings(
        f"sqlite+aiosqlite:///{tmp_path / 'unused.sqlite'}", tmp_path, web_dist_dir=dist
    )
    app = create_app(settings)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000"
        ) as http:
            yield http
    finally:
        await app.state.engine.dispose()


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    folder = tmp_path / "dist"
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text(INDEX)
    (folder / "assets" / "index-abc123.js").write_text("console.log('app')")
    (folder / "favicon.svg").write_text("<svg/>")
    (tmp_path / "secret.txt").write_text("outside the app")
    return folder


@pytest.fixture
async def web(tmp_path: Path, dist: Path) -> AsyncIterator[httpx.AsyncClient]:
    async for http in _client(tmp_path, dist):
        yield http


async def test_root_and_bare_prefix_redirect_to_the_app(web):
    for path in ("/", "/app"):
        response = await web.get(path)
        assert response.status_code == 307
        assert response.headers["location"] == "/app/"


async def test_index_is_served_with_security_headers_and_no_caching(web):
    response = await web.get("/app/")
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_assets_are_served_as_files_and_cached_for_good(web):
    response = await web.get("/app/assets/index-abc123.js")
    assert response.status_code == 200
    assert response.text == "console.log('app')"
    assert "javascript" in response.headers["content-type"]
    assert "immutable" in response.headers["cache-control"]
    assert (await web.get("/app/favicon.svg")).text == "<svg/>"


@pytest.mark.parametrize("path", ["/app/verify?token=abc", "/app/transactions/123", "/app/x.y"])
async def test_deep_links_fall_back_to_the_app(web, path):
    response = await web.get(path)
    assert response.status_code == 200
    assert response.text == INDEX


async def test_a_missing_asset_is_a_404_not_the_app(web):
    assert (await web.get("/app/assets/gone-000.js")).status_code == 404


@pytest.mark.parametrize(
    "path", ["/app/../secret.txt", "/app/%2e%2e/secret.txt", "/app/..%2fsecret.txt"]
)
async def test_files_outside_the_app_are_never_served(web, path):
    response = await web.get(path)
    assert "outside the app" not in response.text


async def test_api_routes_keep_working_beside_the_app(web):
    assert (await web.get("/healthz")).json() == {"status": "ok"}
    assert (await web.get("/openapi.json")).status_code == 200


async def test_an_unbuilt_app_says_how_to_build_it(tmp_path: Path):
    async for http in _client(tmp_path, tmp_path / "missing"):
        response = await http.get("/app/")
        assert response.status_code == 503
        assert "make run" in response.text
        assert (await http.get("/")).headers["location"] == "/app/"


async def test_the_gzip_copy_goes_to_browsers_that_take_it(web, dist: Path):
    (dist / "assets" / "index-abc123.js.gz").write_bytes(gzip.compress(b"console.log('app')"))
    packed = await web.get("/app/assets/index-abc123.js", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["content-type"].startswith("text/javascript")
    assert packed.text == "console.log('app')"  # httpx unpacks it
    plain = await web.get("/app/assets/index-abc123.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.text == "console.log('app')"

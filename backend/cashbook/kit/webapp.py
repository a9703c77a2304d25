"""Serves the built web app under `/app/` in one-machine mode (Cloudflare Pages serves it
otherwise). Files that exist are served as they are; every other path under `/app/` gets
`index.html`, so the app's own router handles deep links such as `/app/verify?token=...`."""

import mimetypes
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

APP_PREFIX = "/app"

# The same policy as `frontend/public/_headers` for Cloudflare Pages. Inline styles are allowed
# because the chart library positions its tooltips with them; scripts are never inline.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
IMMUTABLE = "public, max-age=31536000, immutable"  # Vite puts a content hash in asset names

NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Cashbook</title>
<p>The web app is not built yet. Run <code>make run</code> (it builds it), or
<code>npm ci &amp;&amp; npm run build</code> in <code>frontend/</code>.
The API itself is running: <a href="/healthz">/healthz</a>.</p></html>"""


def _resolve(dist: Path, path: str) -> Path | None:
    """The file under `dist` that `path` names, or None (also for anything outside `dist`)."""
    candidate = (dist / path).resolve()
    if candidate.is_file() and candidate.is_relative_to(dist):
        return candidate
    return None


def _send(request: Request, file: Path, cache: str) -> FileResponse:
    """The file, or the gzip copy the build wrote beside it when the browser takes gzip
    (a third of the bytes, which is most of a phone's first load)."""
    headers = {**SECURITY_HEADERS, "Cache-Control": cache, "Vary": "Accept-Encoding"}
    packed = file.with_name(file.name + ".gz")
    if "gzip" in request.headers.get("accept-encoding", "") and packed.is_file():
        media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        headers["Content-Encoding"] = "gzip"
        return FileResponse(packed, media_type=media_type, headers=headers)
    return FileResponse(file, headers=headers)


def install_web_app(app: FastAPI, dist: Path) -> None:
    dist = dist.resolve()

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse(f"{APP_PREFIX}/")

    @app.get(APP_PREFIX, include_in_schema=False)
    async def app_without_slash() -> RedirectResponse:
        return RedirectResponse(f"{APP_PREFIX}/")

    @app.get(APP_PREFIX + "/{path:path}", include_in_schema=False)
    async def web_app(path: str, request: Request) -> Response:
        index = dist / "index.html"
        if not index.is_file():
            return HTMLResponse(NOT_BUILT, status_code=503, headers=SECURITY_HEADERS)
        found = _resolve(dist, path) if path else None
        if found is not None:
            cache = IMMUTABLE if path.startswith("assets/") else "no-cache"
            return _send(request, found, cache)
        if path.startswith("assets/"):
            # A missing asset is a real 404, not the app: a stale tab must not get HTML as JS.
            return Response(status_code=404, headers=SECURITY_HEADERS)
        return _send(request, index, "no-cache")

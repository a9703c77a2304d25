"""A fake Sentry served over real HTTP on loopback: it accepts what the SDK sends (envelopes,
gzip-compressed or not) and keeps both the raw bodies and the events in them."""

import gzip
import json
import threading
import time
from collections.abc import Callable

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


class FakeSentry:
    def __init__(self, port: int) -> None:
        self.port = port
        self.dsn = f"http://public@127.0.0.1:{port}/1"
        self.bodies: list[str] = []
        self.events: list[dict] = []
        app = Starlette(
            routes=[
                Route("/api/{project}/envelope/", self._envelope, methods=["POST"]),
                Route("/api/{project}/store/", self._envelope, methods=["POST"]),
            ]
        )
        self._server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> "FakeSentry":
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the fake Sentry server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    async def _envelope(self, request: Request) -> JSONResponse:
        body = await request.body()
        if request.headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        text = body.decode()
        self.bodies.append(text)
        # An envelope: a header line, then (item header, payload) pairs, one JSON per line.
        lines = [line for line in text.splitlines() if line.strip()]
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                self.events.append(json.loads(payload))
        return JSONResponse({"id": "0" * 32})

    def wait_for_event(self, predicate: Callable[[dict], bool], timeout: float = 20) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in list(self.events):
                if predicate(event):
                    return event
            time.sleep(0.05)
        raise AssertionError(f"no matching event reached the fake Sentry in {timeout} s")

    def everything(self) -> str:
        """Every byte received, decoded: what a canary must not be found in."""
        return "\n".join(self.bodies)

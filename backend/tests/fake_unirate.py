"""A fake UniRate API served over real HTTP on loopback, as the tests' outside service.

It answers `GET /api/rates` (all rates for a base, or one pair) and `GET /api/currencies`
like UniRate does, checks the `api_key` query parameter, and can be told to fail (an outage)
or to hold its next rates request until released (to kill a worker in the middle of a task).
"""

import threading
import time
from decimal import Decimal

import anyio
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

# One euro buys this many units of each currency.
EUR_RATES = {"USD": "1.08", "CZK": "25.25", "GBP": "0.85", "JPY": "160", "KWD": "0.33"}


class FakeUniRate:
    def __init__(self, api_key: str, port: int) -> None:
        self.api_key = api_key
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.rates = dict(EUR_RATES)
        self.requests: list[str] = []
        self.status = 200
        self._hold = threading.Event()
        self._release = threading.Event()
        # Set while a held request waits for release(): its client is still busy with it.
        self.holding = threading.Event()
        app = Starlette(
            routes=[Route("/api/rates", self._rates), Route("/api/currencies", self._currencies)]
        )
        self._server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> "FakeUniRate":
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the fake UniRate server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._release.set()
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def hold_next_rates_request(self) -> None:
        """The next /api/rates request waits (its client sees no answer) until release()."""
        self._release.clear()
        self._hold.set()

    def release(self) -> None:
        self._release.set()

    def wait_for_requests(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while len(self.requests) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"UniRate saw {len(self.requests)} requests, not {count}")
            time.sleep(0.05)

    def _refuse(self, request: Request) -> JSONResponse | None:
        if request.query_params.get("api_key") != self.api_key:
            return JSONResponse({"error": "Invalid API key"}, status_code=401)
        if self.status != 200:
            return JSONResponse({"error": "Service unavailable"}, status_code=self.status)
        return None

    async def _rates(self, request: Request) -> JSONResponse:
        self.requests.append(request.url.path)
        if self._hold.is_set():
            self._hold.clear()
            self.holding.set()
            await anyio.to_thread.run_sync(self._release.wait)
            self.holding.clear()
        refused = self._refuse(request)
        if refused is not None:
            return refused
        base = request.query_params.get("from", "USD").upper()
        table = {"EUR": Decimal(1), **{code: Decimal(rate) for code, rate in self.rates.items()}}
        if base not in table:
            return JSONResponse({"error": "Invalid currency"}, status_code=404)
        rates = {code: str(rate / table[base]) for code, rate in table.items() if code != base}
        quote = request.query_params.get("to")
        if quote:
            if quote.upper() not in rates:
                return JSONResponse({"error": "Invalid currency"}, status_code=404)
            return JSONResponse({"base": base, "to": quote.upper(), "rate": rates[quote.upper()]})
        return JSONResponse({"base": base, "rates": rates})

    async def _currencies(self, request: Request) -> JSONResponse:
        self.requests.append(request.url.path)
        refused = self._refuse(request)
        if refused is not None:
            return refused
        return JSONResponse({"currencies": sorted(["EUR", *self.rates])})

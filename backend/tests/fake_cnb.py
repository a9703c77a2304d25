"""A fake Czech National Bank daily fixing (`daily.txt?date=DD.MM.YYYY`) over real HTTP.

It holds fixings by day and answers a day without one (a weekend) with the newest before it,
as the CNB does; the plain-text format is the CNB's own (see `cashbook/rates/cnb.py`).
"""

import threading
import time
from datetime import date, datetime

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

# (amount, CZK for that amount): JPY is quoted per 100 units, as the CNB does.
FIXING = {"EUR": (1, "24.325"), "USD": (1, "20.871"), "GBP": (1, "27.810"), "JPY": (100, "13.942")}


def fixing_text(on: date, number: int, rates: dict[str, tuple[int, str]]) -> str:
    lines = [f"{on:%d %b %Y} #{number}", "Country|Currency|Amount|Code|Rate"]
    lines += [f"Somewhere|money|{amount}|{code}|{rate}" for code, (amount, rate) in rates.items()]
    return "\n".join(lines) + "\n"


class FakeCnb:
    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/daily.txt"
        self.fixings: dict[date, dict[str, tuple[int, str]]] = {}
        self.requests: list[str | None] = []
        app = Starlette(routes=[Route("/daily.txt", self._daily)])
        self._server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> "FakeCnb":
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the fake CNB server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    async def _daily(self, request: Request) -> PlainTextResponse:
        asked = request.query_params.get("date")
        self.requests.append(asked)
        day = datetime.strptime(asked, "%d.%m.%Y").date() if asked else date.max  # noqa: DTZ007
        published = sorted(d for d in self.fixings if d <= day)
        if not published:
            return PlainTextResponse("no fixing", status_code=404)
        on = published[-1]
        return PlainTextResponse(fixing_text(on, len(published), self.fixings[on]))

"""Live updates across processes: two API processes, a worker, and Server-Sent Events. An
event the worker writes reaches the person's connection on the other API process; nobody
else's; and a client that reconnects with Last-Event-ID catches up."""

import asyncio
import contextlib
import json

import httpx
import pytest

from tests.conftest import free_port
from tests.factories import create_user, token_headers
from tests.worker.conftest import CashbookProcess, wait_until, worker_env

TIMEOUT = 60


@pytest.fixture
def api_processes(settings):
    """Two `cashbook serve` processes on the same database and broker."""
    env = worker_env(
        settings,
        DB_ENCRYPTION_KEY=settings.db_encryption_key.get_secret_value(),
        DB_BLIND_INDEX_KEY=settings.db_blind_index_key.get_secret_value(),
        CASHBOOK_LIVE_POLL_SECONDS="0.2",
    )
    started = []
    for _ in range(2):
        port = free_port()
        process = CashbookProcess(env, ("serve", "--host", "127.0.0.1", "--port", str(port)))
        started.append((process, f"http://127.0.0.1:{port}"))
    for _process, url in started:
        wait_until(lambda u=url: _answers(u), timeout=TIMEOUT, interval=0.2)
    yield [url for _, url in started]
    for process, _ in started:
        process.stop()


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


class Listener:
    """An SSE connection collecting (id, event, data) as they come."""

    def __init__(self, url: str, headers: dict[str, str], last_event_id: int | None = None):
        self.events: list[tuple[int, str, dict]] = []
        self.connected = asyncio.Event()
        self.arrived = asyncio.Event()
        headers = dict(headers)
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        self._task = asyncio.create_task(self._run(url, headers))

    async def _run(self, url: str, headers: dict[str, str]) -> None:
        async with (
            httpx.AsyncClient(timeout=httpx.Timeout(10, read=None)) as http,
            http.stream("GET", f"{url}/events", headers=headers) as response,
        ):
            assert response.status_code == 200
            frame: dict[str, str] = {}
            async for line in response.aiter_lines():
                if line.startswith(": connected"):
                    self.connected.set()
                elif line == "" and "event" in frame:
                    self.events.append(
                        (int(frame["id"]), frame["event"], json.loads(frame["data"]))
                    )
                    self.arrived.set()
                    frame = {}
                elif ": " in line and not line.startswith(":"):
                    key, value = line.split(": ", 1)
                    frame[key] = value

    async def ready(self) -> "Listener":
        await asyncio.wait_for(self.connected.wait(), TIMEOUT)
        return self

    async def until(self, kind: str) -> list[tuple[int, str, dict]]:
        try:
            async with asyncio.timeout(TIMEOUT):
                while True:
                    self.arrived.clear()
                    if any(event == kind for _, event, _ in self.events):
                        return self.events
                    await self.arrived.wait()
        except TimeoutError:
            raise AssertionError(f"no {kind!r} event; got {self.events}") from None

    async def close(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


async def person(app, http, url, email):
    user = await create_user(app, email)
    headers = await token_headers(app, user)
    account = await http.post(
        f"{url}/accounts", json={"name": "Main", "currency": "CZK"}, headers=headers
    )
    assert account.status_code == 201, account.text
    return headers, account.json()["id"]


async def spend(http, url, headers, account_id, amount):
    body = {"account_id": account_id, "amount": amount, "booked_on": "2026-03-14"}
    response = await http.post(f"{url}/transactions", json=body, headers=headers)
    assert response.status_code == 201, response.text


async def test_a_workers_event_reaches_the_owner_on_another_api_process_only(
    app, settings, start_worker, api_processes
):
    first, second = api_processes
    start_worker()
    async with httpx.AsyncClient(timeout=30) as http:
        alice, alice_account = await person(app, http, first, "alice@example.com")
        bob, bob_account = await person(app, http, first, "bob@example.com")
        threshold = {"threshold": "100"}
        for headers in (alice, bob):
            await http.put(
                f"{first}/notifications/preferences/large_transaction",
                json=threshold,
                headers=headers,
            )
        alice_live = await Listener(second, alice).ready()
        bob_live = await Listener(second, bob).ready()

        await spend(http, first, alice, alice_account, "-500.00")  # API 1 writes, the worker alerts
        events = await alice_live.until("notification")
        assert [kind for _, kind, _ in events] == ["transactions", "notification"]
        [(_, _, alert)] = [e for e in events if e[1] == "notification"]
        assert alert["kind"] == "large_transaction"

        await spend(http, first, bob, bob_account, "-1.00")  # below Bob's threshold
        bob_events = await bob_live.until("transactions")
        assert [kind for _, kind, _ in bob_events] == ["transactions"]  # nothing of Alice's
        assert len(alice_live.events) == 2  # and nothing of Bob's

        # Alice's connection drops; what happens meanwhile arrives when she reconnects.
        last_seen = alice_live.events[-1][0]
        await alice_live.close()
        await spend(http, first, alice, alice_account, "-700.00")
        again = await Listener(second, alice, last_event_id=last_seen).ready()
        caught_up = await again.until("notification")  # caught up, or live if the worker lags
        assert [kind for _, kind, _ in caught_up] == ["transactions", "notification"]
        assert all(event_id > last_seen for event_id, _, _ in caught_up)
        for listener in (again, bob_live):
            await listener.close()

"""A client for the UniRate API (`GET /api/rates`, `GET /api/currencies`).

UniRate takes the key as a query parameter, so a URL with the key must never reach a log:
errors raised here carry the path and status only, and httpx's own request log is silenced.
"""

import logging
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx

from cashbook.worker.jobs import TransientError

# httpx logs every request URL (with the key in it) at INFO.
logging.getLogger("httpx").setLevel(logging.WARNING)
logging.getLogger("httpcore").setLevel(logging.WARNING)


class UniRateError(Exception):
    """UniRate refused the request (a bad key, an unknown currency): retrying won't help."""


class UniRateUnavailable(TransientError):
    """UniRate did not answer, answered 5xx or asked us to slow down."""


class UniRateClient:
    def __init__(self, base_url: str, api_key: str, *, timeout: float = 15.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self.timeout = timeout

    async def rates(self, base: str) -> dict[str, Decimal]:
        """Every rate UniRate has for one unit of `base`."""
        body = await self._get("/api/rates", {"from": base})
        raw = body.get("rates")
        if not isinstance(raw, dict):
            raise UniRateError("/api/rates answered without rates")
        return {code.upper(): rate for code, value in raw.items() if (rate := _decimal(value))}

    async def rate(self, base: str, quote: str) -> Decimal:
        body = await self._get("/api/rates", {"from": base, "to": quote})
        rate = _decimal(body.get("rate"))
        if rate is None:
            raise UniRateError("/api/rates answered without a rate")
        return rate

    async def currencies(self) -> list[str]:
        body = await self._get("/api/currencies", {})
        codes = body.get("currencies")
        if not isinstance(codes, list):
            raise UniRateError("/api/currencies answered without currencies")
        return [str(code).upper() for code in codes]

    async def _get(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        try:
            async with httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout) as http:
                response = await http.get(path, params={**params, "api_key": self._api_key})
        except httpx.HTTPError as error:
            # str(error) may contain the URL: name the kind of failure only.
            raise UniRateUnavailable(f"{path}: {type(error).__name__}") from None
        if response.status_code == 429 or response.status_code >= 500:
            raise UniRateUnavailable(f"{path} answered {response.status_code}")
        if response.status_code != 200:
            raise UniRateError(f"{path} answered {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            raise UniRateUnavailable(f"{path} answered something that is not JSON") from None
        if not isinstance(body, dict):
            raise UniRateError(f"{path} answered an unexpected shape")
        return body


def _decimal(value: Any) -> Decimal | None:
    """A positive finite rate, from a JSON number or string; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        rate = Decimal(str(value))
    except InvalidOperation:
        return None
    return rate if rate.is_finite() and rate > 0 else None

"""Attempt limits per key (an account, an email, a client address) in a sliding window, shared
by every API replica through the database.

Atomic under concurrency on SQLite and MariaDB alike: an attempt is committed before it is
counted, and counted in a transaction of its own. Of any number of simultaneous attempts, the
one whose row committed k-th sees at least k rows, so at most `limit` of them pass. An attempt
refused for the limit removes its row again, so hammering does not extend the wait.
"""

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cashbook.auth.repository import LoginFailureRepository
from cashbook.config import Settings
from cashbook.kit.db import session_scope
from cashbook.kit.errors import TooManyRequests
from cashbook.models.base import utcnow


def throttle_key(settings: Settings, kind: str, value: str) -> str:
    """An HMAC, so the table never holds an email or an address."""
    message = f"{kind}:{value}".encode()
    return hmac.new(settings.signing_key().encode(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Limit:
    key: str
    limit: int


@dataclass(frozen=True)
class Attempt:
    """An attempt that passed; `ids` are its rows, one per limit, in the limits' order."""

    ids: list[int]


class Throttled(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class Throttle:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], window_seconds: int):
        self.sessionmaker = sessionmaker
        self.window = timedelta(seconds=window_seconds)

    async def attempt(self, limits: list[Limit]) -> Attempt:
        """Count one attempt against every limit; raises Throttled when any is exceeded."""
        keys = [limit.key for limit in limits]
        now = utcnow()
        async with session_scope(self.sessionmaker) as session:
            repository = LoginFailureRepository(session)
            ids = await repository.record(keys, forget_before=now - self.window)
        async with session_scope(self.sessionmaker) as session:
            repository = LoginFailureRepository(session)
            for limit in limits:
                count, oldest = await repository.count_since(limit.key, now - self.window)
                if count > limit.limit and oldest is not None:
                    await repository.remove(ids)
                    wait = (oldest + self.window - now).total_seconds()
                    raise Throttled(max(1, math.ceil(wait)))
        return Attempt(ids)

    async def forget(self, session: AsyncSession, *, rows: list[int], keys: list[str]) -> None:
        """Take back an attempt's rows and every attempt on `keys`, in the caller's unit of
        work (a success clears an account's failures)."""
        repository = LoginFailureRepository(session)
        await repository.remove(rows)
        for key in keys:
            await repository.forget(key)


class TooManyAttempts(TooManyRequests):
    def __init__(self, reason: str, error: Throttled) -> None:
        super().__init__(reason, headers={"Retry-After": str(error.retry_after)})

"""The enrich stage: where entries gain what their source did not say (a category from the
person's rules or from what they chose before, the other half of a transfer) before they are
de-duplicated and stored.

An enricher is any object with the `Enricher` signature, added to `ENRICHERS`; the ledger runs
them in order on each chunk of normalised entries of one user, and each may change the entries
in place (set `category_id`, add `tag_ids`, …). It must not write: the store stage does, and a
chunk may still turn out to be duplicates. Registered: the person's rules (`rules/enricher.py`).
"""

import uuid
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.kit.encryption import Keys
from cashbook.ledger.records import NewTransaction
from cashbook.rules.enricher import apply_rules


class Enricher(Protocol):
    async def __call__(
        self,
        session: AsyncSession,
        keys: Keys,
        user_id: uuid.UUID,
        entries: list[NewTransaction],
    ) -> None: ...


ENRICHERS: list[Enricher] = [apply_rules]


async def enrich(
    session: AsyncSession, keys: Keys, user_id: uuid.UUID, entries: list[NewTransaction]
) -> None:
    for enricher in ENRICHERS:
        await enricher(session, keys, user_id, entries)

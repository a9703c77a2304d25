"""Generated ledgers (hypothesis) stored through the real ingest path, and the plain-Python
computations the API's answers are checked against."""

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from fastapi import FastAPI
from hypothesis import strategies as st

from cashbook.history.service import Actor
from cashbook.kit.db import session_scope
from cashbook.kit.encryption import keys_for
from cashbook.ledger.records import NewTransaction
from cashbook.ledger.service import ledger_service
from cashbook.models import Account, Category, Tag
from cashbook.models.transaction_version import ActorKind
from tests.factories import create_user, token_headers

WORDS = ["Potraviny", "Žabka", "nájem", "Albert", "kavárna", "Netflix", "Spotify", "DPP", "salary"]
CURRENCIES = ["CZK", "EUR", "JPY"]
START = date(2025, 1, 1)
_people = itertools.count()


@st.composite
def ledgers(draw, max_transactions: int = 30):
    accounts = draw(st.lists(st.sampled_from(CURRENCIES), min_size=1, max_size=3))
    categories = draw(st.integers(0, 3))
    tags = draw(st.integers(0, 3))
    rows = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "account": st.integers(0, len(accounts) - 1),
                    "day": st.integers(0, 400),
                    "amount": st.integers(-500_000, 500_000),
                    "words": st.lists(st.sampled_from(WORDS), max_size=3),
                    "category": st.none() | st.integers(0, categories - 1)
                    if categories
                    else st.none(),
                    "tags": st.sets(st.integers(0, tags - 1), max_size=tags)
                    if tags
                    else st.just(set()),
                }
            ),
            max_size=max_transactions,
        )
    )
    return {"accounts": accounts, "categories": categories, "tags": tags, "rows": rows}


@dataclass
class Row:
    id: uuid.UUID
    account_id: uuid.UUID
    booked_on: date
    amount: int
    currency: str
    description: str
    category_id: uuid.UUID | None
    tag_ids: set[uuid.UUID]


@dataclass
class Ledger:
    headers: dict[str, str]
    accounts: list[Account]
    categories: list[uuid.UUID]
    tags: list[uuid.UUID]
    rows: list[Row] = field(default_factory=list)


async def store(app: FastAPI, spec: dict) -> Ledger:
    """A fresh person with the generated accounts, categories, tags and transactions."""
    user = await create_user(app, f"person{next(_people)}-{uuid.uuid4().hex[:6]}@example.com")
    keys = keys_for(app.state.settings)
    async with session_scope(app.state.sessionmaker) as session:
        accounts = [
            Account(
                user_id=user.id, name=f"{currency} {n}", currency=currency, opening_balance=n * 1000
            )
            for n, currency in enumerate(spec["accounts"])
        ]
        categories = [
            Category(user_id=user.id, name=f"Category {n}") for n in range(spec["categories"])
        ]
        tags = [Tag(user_id=user.id, name=f"tag{n}") for n in range(spec["tags"])]
        session.add_all([*accounts, *categories, *tags])
        await session.flush()
        ledger = Ledger(
            await token_headers(app, user),
            accounts,
            [c.id for c in categories],
            [t.id for t in tags],
        )
        items = []
        for spec_row in spec["rows"]:
            account = accounts[spec_row["account"]]
            items.append(
                NewTransaction(
                    account_id=account.id,
                    booked_on=START + timedelta(spec_row["day"]),
                    amount=spec_row["amount"],
                    currency=account.currency,
                    description=" ".join(spec_row["words"]) or None,
                    category_id=None
                    if spec_row["category"] is None
                    else categories[spec_row["category"]].id,
                    tag_ids=[tags[t].id for t in spec_row["tags"]],
                )
            )
        result = await ledger_service.write(session, keys, user.id, items, Actor(ActorKind.system))
        for row_id, item in zip(result.ids.values(), items, strict=True):
            ledger.rows.append(
                Row(
                    row_id,
                    item.account_id,
                    item.booked_on,
                    item.amount,
                    item.currency,
                    item.description or "",
                    item.category_id,
                    set(item.tag_ids),
                )
            )
    return ledger

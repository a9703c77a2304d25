"""The ceiling: a bare FastAPI endpoint that selects and returns the same 50 rows as the API's
filtered listing, with no authentication, no decryption and no Cashbook middleware."""

import base64
import os
import uuid

from fastapi import FastAPI
from sqlalchemy import select

from cashbook.config import Settings  # noqa: I001 - first-party, as in backend/
from cashbook.kit.db import create_engine, create_sessionmaker
from cashbook.models import Transaction

# The app's own engine factory: the same pool and connection settings (pool pre-ping
# included), so the comparison is about what the API does per request, not the plumbing.
engine = create_engine(Settings(database_url=os.environ["BENCH_DATABASE_URL"]))
sessions = create_sessionmaker(engine)
app = FastAPI()


def _plain(value):
    return base64.b64encode(value).decode() if isinstance(value, bytes) else value


@app.get("/ceiling")
async def ceiling(user_id: uuid.UUID, account_id: uuid.UUID) -> list[dict]:
    statement = (
        select(Transaction)
        .where(
            Transaction.user_id == user_id,
            Transaction.account_id.in_([account_id]),
            Transaction.amount < 0,
        )
        .order_by(Transaction.booked_on.desc(), Transaction.id.desc())
        .limit(51)
    )
    async with sessions() as session:
        rows = (await session.execute(statement)).scalars().all()[:50]
    columns = [column.key for column in Transaction.__table__.columns]
    return [{name: _plain(getattr(row, name)) for name in columns} for row in rows]

"""The ceiling: a bare FastAPI endpoint that selects and returns the same 50 rows as the API's
filtered listing, with no authentication, no decryption and no Cashbook middleware."""

import base64
import os
import uuid

from cashbook.models import Transaction
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

engine = create_async_engine(
    os.environ["BENCH_DATABASE_URL"], pool_size=10, max_overflow=10, pool_recycle=1800
)
sessions = async_sessionmaker(engine, expire_on_commit=False)
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

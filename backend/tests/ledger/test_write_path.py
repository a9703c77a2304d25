"""The ledger's one write path: whatever order the same records arrive in, through a statement
import or a bank sync, in any batches, the stored set is the same and holds each record once."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import select

from cashbook.kit.db import session_scope
from cashbook.kit.encryption import keys_for
from cashbook.ledger.records import StatementRecord
from cashbook.ledger.service import ledger_service
from cashbook.models import Account, Transaction
from cashbook.models.transaction import TransactionSource
from tests.factories import create_user

START = date(2026, 1, 1)
# Records by their external id: (day, amount in hundredths).
RECORDS = st.dictionaries(
    st.integers(0, 40), st.tuples(st.integers(0, 60), st.integers(-99_999, 99_999)), max_size=10
)


def record(number: int, day: int, amount: int) -> StatementRecord:
    return StatementRecord(
        booked_on=START + timedelta(days=day),
        amount=Decimal(amount) / 100,
        currency="CZK",
        external_id=f"entry-{number}",
        description=f"payment {number}",
    )


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=RECORDS, rnd=st.randoms(use_true_random=False))
async def test_any_interleaving_of_import_and_sync_stores_each_record_once(app, records, rnd):
    user = await create_user(app, f"interleave-{uuid.uuid4().hex[:8]}@example.com")
    keys = keys_for(app.state.settings)
    async with session_scope(app.state.sessionmaker) as session:
        account = Account(user_id=user.id, name="Main", currency="CZK")
        session.add(account)
    # Each source delivers every record, in its own order and batches; the two interleave.
    deliveries: list[list[tuple[TransactionSource, list[StatementRecord]]]] = []
    for source in (TransactionSource.import_, TransactionSource.bank):
        order = [record(n, day, amount) for n, (day, amount) in records.items()]
        rnd.shuffle(order)
        batches = []
        while order:
            size = rnd.randint(1, 4)
            batches.append((source, order[:size]))
            order = order[size:]
        deliveries.append(batches)
    while any(deliveries):
        batch_source = rnd.choice([d for d in deliveries if d])
        source, batch = batch_source.pop(0)
        async with session_scope(app.state.sessionmaker) as session:
            await ledger_service.ingest(
                session,
                keys,
                account,
                batch,
                source=source,
                update_existing=source is TransactionSource.bank,
            )

    async with session_scope(app.state.sessionmaker) as session:
        rows = (
            await session.execute(
                select(Transaction.booked_on, Transaction.amount).where(
                    Transaction.account_id == account.id
                )
            )
        ).all()
    stored = sorted((booked_on, amount) for booked_on, amount in rows)
    expected = sorted((START + timedelta(days=day), amount) for day, amount in records.values())
    assert stored == expected

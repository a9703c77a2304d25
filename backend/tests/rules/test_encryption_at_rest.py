"""What a rule looks for and what it names never reaches the database in the clear, and a
rule moved to another row or person stops applying instead of leaking."""

from sqlalchemy import select, update

from cashbook.kit.db import session_scope
from cashbook.models import Rule
from tests.factories import create_account, create_transaction, signed_in_user
from tests.rules.helpers import create_rule
from tests.transactions.test_encryption_at_rest import stored_bytes


async def test_rule_canaries_never_reach_the_database_file_or_a_dump(app, client, backend):
    user = await signed_in_user(app, client, "canary@example.com")
    await create_account(client, user, name="PLAIN-account-name")
    rule = await create_rule(
        client,
        user,
        {"field": "description", "op": "contains", "value": "CANARY-condition-Hj3"},
        {"field": "counterparty_account", "op": "matches", "value": "CANARY-pattern-*"},
        name="CANARY-rule-name-Pq8",
        display_name="CANARY-display-Tn5",
    )
    assert rule["name"] == "CANARY-rule-name-Pq8"
    stored = await stored_bytes(app, backend)
    assert b"PLAIN-account-name" in stored  # we are looking at the right data
    assert b"CANARY" not in stored


async def test_a_rule_moved_to_another_person_reads_empty_and_never_applies(app, client):
    owner = await signed_in_user(app, client, "owner@example.com")
    other = await signed_in_user(app, client, "other@example.com")
    secret = {"field": "description", "op": "contains", "value": "secret"}
    theirs = await create_rule(client, owner, secret, display_name="owner's name")
    mine = await create_rule(client, other, secret, display_name="placeholder")
    async with session_scope(app.state.sessionmaker) as session:
        blobs = (
            await session.execute(
                select(Rule.conditions, Rule.display_name).where(Rule.id == theirs["id"])
            )
        ).one()
        await session.execute(
            update(Rule)
            .where(Rule.id == mine["id"])
            .values(conditions=blobs.conditions, display_name=blobs.display_name)
        )
    read = (await client.get(f"/rules/{mine['id']}", headers=other.headers)).json()
    assert (read["conditions"], read["display_name"], read["name"]) == ([], None, None)
    account = await create_account(client, other)
    created = await create_transaction(client, other, account, "-1", description="secret")
    assert (created["rule_id"], created["display_name"]) == (None, None)

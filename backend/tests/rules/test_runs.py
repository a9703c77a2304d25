"""Applying a rule to existing transactions: the dry run's count, the worker's run with its
progress, running it twice, and undoing it as one batch."""

import pytest

from cashbook.rules import runs
from tests.factories import (
    all_transactions,
    api_create,
    create_account,
    create_transaction,
    signed_in_user,
)
from tests.rules.helpers import contains, create_rule


def state(items: list[dict]) -> dict[str, tuple]:
    return {
        item["id"]: (
            item["category_id"],
            sorted(item["tag_ids"]),
            item["display_name"],
            item["rule_id"],
        )
        for item in items
    }


async def test_apply_counts_runs_in_chunks_is_idempotent_and_undoes(app, client, monkeypatch):
    monkeypatch.setattr(runs, "CHUNK", 3)  # several chunks, each committed
    person = await signed_in_user(app, client, "apply@example.com")
    account = await create_account(client, person)
    fuel = await api_create(client, person, "/categories", {"name": "Fuel"})
    other = await api_create(client, person, "/categories", {"name": "Other"})
    car = await api_create(client, person, "/tags", {"name": "car"})
    mine = await api_create(client, person, "/tags", {"name": "mine"})
    earlier = await create_rule(client, person, contains("zzz"), display_name="earlier")
    for n in range(4):
        await create_transaction(client, person, account, f"-{n + 1}00", description=f"SHELL {n}")
    await create_transaction(
        client,
        person,
        account,
        "-5",
        description="shell coffee",
        category_id=other["id"],
        tag_ids=[mine["id"]],
        note="zzz",  # notes are not looked at
    )
    # Already what the rule would make it: matches, changes nothing.
    await create_transaction(
        client,
        person,
        account,
        "-6",
        description="Shell done",
        category_id=fuel["id"],
        tag_ids=[car["id"]],
        display_name="Shell",
    )
    for n in range(3):
        await create_transaction(client, person, account, "-7", description=f"bakery {n}")
    renamed = await create_transaction(client, person, account, "-8", description="zzz shell")
    assert renamed["rule_id"] == earlier["id"]
    rule = await create_rule(
        client,
        person,
        contains("shell"),
        category_id=fuel["id"],
        tag_ids=[car["id"]],
        display_name="Shell",
        enabled=False,
    )
    before = state(await all_transactions(client, person.headers))

    preview = await client.get(f"/rules/{rule['id']}/preview", headers=person.headers)
    assert preview.status_code == 200, preview.text
    assert preview.json() == {"scanned": 10, "matching": 7, "changing": 6, "complete": True}
    assert state(await all_transactions(client, person.headers)) == before  # a dry run

    started = await client.post(f"/rules/{rule['id']}/runs", headers=person.headers)
    assert started.status_code == 202, started.text
    run = (await client.get(f"/rules/runs/{started.json()['id']}", headers=person.headers)).json()
    assert (run["status"], run["total"], run["processed"], run["changed"]) == ("done", 10, 10, 6)
    after = state(await all_transactions(client, person.headers))
    changed = [tid for tid in before if after[tid] != before[tid]]
    assert len(changed) == 6
    for tid in changed:
        category, tags, name, rule_id = after[tid]
        assert (category, name, rule_id) == (fuel["id"], "Shell", rule["id"])
        assert car["id"] in tags
    coffee = next(t for t in changed if before[t][0] == other["id"])
    assert after[coffee][1] == sorted([car["id"], mine["id"]])  # tags are added, not replaced

    again = await client.post(f"/rules/{rule['id']}/runs", headers=person.headers)
    second = (await client.get(f"/rules/runs/{again.json()['id']}", headers=person.headers)).json()
    assert (second["status"], second["changed"]) == ("done", 0)
    assert state(await all_transactions(client, person.headers)) == after

    undone = await client.post(f"/rules/runs/{run['id']}/undo", headers=person.headers)
    assert undone.status_code == 202, undone.text
    final = (await client.get(f"/rules/runs/{run['id']}", headers=person.headers)).json()
    assert (final["status"], final["total"], final["processed"]) == ("undone", 6, 6)
    assert state(await all_transactions(client, person.headers)) == before

    twice = await client.post(f"/rules/runs/{run['id']}/undo", headers=person.headers)
    assert twice.status_code == 409
    assert twice.json()["detail"]["code"] == "RULE_RUN_NOT_UNDOABLE"
    listed = (await client.get("/rules/runs", headers=person.headers)).json()
    assert {r["id"] for r in listed} == {run["id"], second["id"]}


async def test_undo_keeps_a_deleted_rule_out(app, client):
    person = await signed_in_user(app, client, "deleted@example.com")
    account = await create_account(client, person)
    first = await create_rule(client, person, contains("tesco"), display_name="Tesco")
    row = await create_transaction(client, person, account, "-1", description="TESCO")
    second = await create_rule(client, person, contains("tesco"), display_name="Tesco 2")
    started = await client.post(f"/rules/{second['id']}/runs", headers=person.headers)
    await client.delete(f"/rules/{first['id']}", headers=person.headers)
    await client.post(f"/rules/runs/{started.json()['id']}/undo", headers=person.headers)
    read = (await client.get(f"/transactions/{row['id']}", headers=person.headers)).json()
    assert (read["display_name"], read["rule_id"]) == ("Tesco", None)


@pytest.mark.parametrize("method", ["preview", "apply", "get_run", "undo"])
async def test_another_persons_rules_and_runs_answer_404(app, client, method):
    owner = await signed_in_user(app, client, "owner@example.com")
    other = await signed_in_user(app, client, "other@example.com")
    account = await create_account(client, owner)
    await create_transaction(client, owner, account, "-1", description="aldi")
    rule = await create_rule(client, owner, contains("aldi"), display_name="Aldi")
    run = (await client.post(f"/rules/{rule['id']}/runs", headers=owner.headers)).json()
    calls = {
        "preview": ("GET", f"/rules/{rule['id']}/preview"),
        "apply": ("POST", f"/rules/{rule['id']}/runs"),
        "get_run": ("GET", f"/rules/runs/{run['id']}"),
        "undo": ("POST", f"/rules/runs/{run['id']}/undo"),
    }
    verb, url = calls[method]
    response = await client.request(verb, url, headers=other.headers)
    assert response.status_code == 404
    assert (await client.get("/rules/runs", headers=other.headers)).json() == []
    mine = (await client.get(f"/rules/runs/{run['id']}", headers=owner.headers)).json()
    assert mine["status"] == "done"

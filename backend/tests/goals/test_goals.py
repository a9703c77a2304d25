"""Savings goals: progress and plan, contributions, sharing by invitation, and who sees what."""

from collections import Counter
from datetime import date

from sqlalchemy import select

from cashbook.goals.service import progress
from cashbook.kit.db import session_scope
from cashbook.models import LiveEvent
from tests.factories import create_account, create_transaction, read_mail, signed_in_user


def test_progress_needed_per_month_and_the_projected_month():
    today = date(2026, 3, 10)
    # 3000 of 12000 saved over March (one month): 9000 left at 3000 a month → June.
    assert progress(3000, 12000, date(2026, 12, 31), date(2026, 3, 1), today) == (
        25,
        1000,  # 9000 over the 9 months to December
        date(2026, 6, 1),
    )
    assert progress(0, 100, None, date(2026, 1, 1), today) == (0, None, None)
    assert progress(150, 100, date(2026, 3, 31), date(2026, 1, 1), today) == (
        150,
        0,
        date(2026, 3, 1),
    )
    assert progress(10, 100, date(2026, 3, 31), date(2026, 1, 1), today)[1] == 90  # ≥ 1 month


async def test_a_goal_fed_by_contributions_and_one_linked_to_an_account(app, client):
    user = await signed_in_user(app, client, "saver@example.com")
    created = await client.post(
        "/goals",
        json={"name": "Holiday", "target_amount": "1000", "target_date": "2030-01-31"},
        headers=user.headers,
    )
    assert created.status_code == 201, created.text
    goal = created.json()
    assert (goal["saved"], goal["percent"], goal["currency"]) == ("0.00", 0, "CZK")
    added = await client.post(
        f"/goals/{goal['id']}/contributions", json={"amount": "250.50"}, headers=user.headers
    )
    assert (added.json()["saved"], added.json()["percent"]) == ("250.50", 25)

    account = await create_account(client, user, opening_balance="100.00", currency="EUR")
    await create_transaction(client, user, account, "400.00")
    linked = await client.post(
        "/goals",
        json={"name": "Car", "target_amount": "1000", "account_id": account["id"]},
        headers=user.headers,
    )
    assert (linked.json()["saved"], linked.json()["currency"]) == ("500.00", "EUR")
    refused = await client.post(
        f"/goals/{linked.json()['id']}/contributions", json={"amount": "1"}, headers=user.headers
    )
    assert (refused.status_code, refused.json()["detail"]["code"]) == (
        409,
        "GOAL_LINKED_TO_ACCOUNT",
    )
    zero = await client.post(
        "/goals", json={"name": "X", "target_amount": "0"}, headers=user.headers
    )
    assert (zero.status_code, zero.json()["detail"]["code"]) == (422, "GOAL_AMOUNT_NOT_POSITIVE")


async def test_sharing_members_see_only_the_goal_and_leaving_or_removal_ends_it(
    app, client, settings
):
    owner = await signed_in_user(app, client, "owner@example.com")
    friend = await signed_in_user(app, client, "friend@example.com")
    stranger = await signed_in_user(app, client, "stranger@example.com")
    account = await create_account(client, owner)
    goal = (
        await client.post(
            "/goals", json={"name": "Trip", "target_amount": "100"}, headers=owner.headers
        )
    ).json()
    path = f"/goals/{goal['id']}"
    assert (await client.get(path, headers=friend.headers)).status_code == 404  # not yet
    invited = await client.post(
        f"{path}/members", json={"email": "Friend@example.com"}, headers=owner.headers
    )
    assert [m["accepted"] for m in invited.json()["members"]] == [False]
    [mail] = [m for m in read_mail(settings.data_dir) if m["To"] == "Friend@example.com"]
    assert mail["Subject"] == "Owner shares the goal Trip with you"
    shared = (await client.get("/goals/invitations", headers=friend.headers)).json()
    assert [(i["name"], i["owner"]) for i in shared] == [("Trip", "owner@example.com")]
    assert (await client.post(f"{path}/join", headers=stranger.headers)).status_code == 404
    joined = await client.post(f"{path}/join", headers=friend.headers)
    assert joined.status_code == 200
    assert joined.json()["is_owner"] is False and joined.json()["account_id"] is None

    for person, amount in ((owner, "40"), (friend, "70")):
        response = await client.post(
            f"{path}/contributions", json={"amount": amount}, headers=person.headers
        )
        assert response.status_code == 201
    seen = (await client.get(f"{path}/contributions", headers=friend.headers)).json()
    assert [(c["member"], c["amount"]) for c in seen] == [
        ("owner@example.com", "40.00"),
        ("friend@example.com", "70.00"),
    ]
    # Reached: each of them is told once.
    for person in (owner, friend):
        kinds = [
            n["kind"] for n in (await client.get("/notifications", headers=person.headers)).json()
        ]
        assert kinds == ["goal_reached"]
    # A member sees the goal only: not the owner's accounts, and cannot change the goal.
    assert (
        await client.get(f"/accounts/{account['id']}", headers=friend.headers)
    ).status_code == 404
    for method, body in (("PATCH", {"name": "Mine"}), ("DELETE", None)):
        response = await client.request(method, path, json=body, headers=friend.headers)
        assert response.status_code == 404
    for person in (stranger,):
        assert (await client.get(path, headers=person.headers)).status_code == 404
        assert (
            await client.get(f"{path}/contributions", headers=person.headers)
        ).status_code == 404
        assert (await client.get("/goals", headers=person.headers)).json() == []

    [member] = (await client.get(path, headers=owner.headers)).json()["members"]
    left = await client.delete(f"{path}/members/{member['id']}", headers=friend.headers)
    assert left.status_code == 204
    assert (await client.get(path, headers=friend.headers)).status_code == 404
    assert (await client.get("/goals", headers=friend.headers)).json() == []

    await client.post(
        f"{path}/members", json={"email": "friend@example.com"}, headers=owner.headers
    )
    await client.post(f"{path}/join", headers=friend.headers)
    [member] = (await client.get(path, headers=owner.headers)).json()["members"]
    removed = await client.delete(f"{path}/members/{member['id']}", headers=owner.headers)
    assert removed.status_code == 204
    assert (await client.get(f"{path}/contributions", headers=friend.headers)).status_code == 404


async def test_live_goal_events_reach_the_members_of_the_moment(app, client):
    owner = await signed_in_user(app, client, "owner@example.com")
    friend = await signed_in_user(app, client, "friend@example.com")
    goal = (
        await client.post(
            "/goals", json={"name": "Trip", "target_amount": "100"}, headers=owner.headers
        )
    ).json()
    path = f"/goals/{goal['id']}"
    await client.post(f"{path}/members", json={"email": friend.email}, headers=owner.headers)
    await client.post(f"{path}/join", headers=friend.headers)
    await client.post(f"{path}/contributions", json={"amount": "5"}, headers=friend.headers)
    [member] = (await client.get(path, headers=owner.headers)).json()["members"]
    await client.delete(f"{path}/members/{member['id']}", headers=owner.headers)
    await client.post(f"{path}/contributions", json={"amount": "5"}, headers=owner.headers)

    async with session_scope(app.state.sessionmaker) as session:
        statement = select(LiveEvent.user_id).where(LiveEvent.kind == "goal")
        addressed = Counter(str(user_id) for user_id in (await session.scalars(statement)))
    assert addressed == {owner.id: 2, friend.id: 1}  # none after the removal

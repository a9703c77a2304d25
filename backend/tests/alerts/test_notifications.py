"""Alerts fire once per (kind, subject, period) into notifications and email, as chosen."""

import uuid
from datetime import date, timedelta

from cashbook.kit.db import session_scope
from cashbook.models import BankConnection
from cashbook.models.base import utcnow
from tests.factories import (
    api_create,
    create_account,
    create_transaction,
    mail_text,
    read_mail,
    signed_in_user,
)

TODAY = date.today().isoformat()


async def spend(client, user, account, category, amount):
    await create_transaction(
        client, user, account, amount, booked_on=TODAY, category_id=category["id"]
    )


async def kinds(client, user) -> list[str]:
    response = await client.get("/notifications", headers=user.headers)
    assert response.status_code == 200, response.text
    return [item["kind"] for item in response.json()]


async def test_a_budget_alerts_once_at_80_and_once_at_100_percent(app, client, settings):
    user = await signed_in_user(app, client, "alerts@example.com")
    account = await create_account(client, user)
    food = await api_create(client, user, "/categories", {"name": "Food"})
    month = TODAY[:7]
    await client.put(
        f"/budgets/months/{month}/categories/{food['id']}",
        json={"amount": "1000"},
        headers=user.headers,
    )
    await spend(client, user, account, food, "-700.00")
    assert await kinds(client, user) == []
    await spend(client, user, account, food, "-150.00")
    await spend(client, user, account, food, "-10.00")  # still between 80 and 100
    assert await kinds(client, user) == ["budget_warning"]
    await spend(client, user, account, food, "-200.00")
    await spend(client, user, account, food, "-200.00")
    assert await kinds(client, user) == ["budget_exceeded", "budget_warning"]

    mails = read_mail(settings.data_dir)
    assert [m["Subject"] for m in mails] == [
        "Cashbook: Food: 80 % of the budget",
        "Cashbook: Food: over budget",
    ]
    assert "Food has used 106 % of its budget" in mail_text(mails[1])

    count = await client.get("/notifications/unread-count", headers=user.headers)
    assert count.json() == {"count": 2}
    [newest, _] = (await client.get("/notifications", headers=user.headers)).json()
    marked = await client.post(
        "/notifications/read", json={"ids": [newest["id"]]}, headers=user.headers
    )
    assert marked.status_code == 204
    assert (await client.get("/notifications/unread-count", headers=user.headers)).json() == {
        "count": 1
    }
    unread = (await client.get("/notifications?unread=true", headers=user.headers)).json()
    assert [n["kind"] for n in unread] == ["budget_warning"]


async def test_each_kind_switches_in_app_and_email_separately(app, client, settings):
    user = await signed_in_user(app, client, "choosy@example.com")
    account = await create_account(client, user)
    chosen = await client.put(
        "/notifications/preferences/large_transaction",
        json={"in_app": False, "email": True, "threshold": "5000"},
        headers=user.headers,
    )
    assert chosen.json() == {
        "kind": "large_transaction",
        "in_app": False,
        "email": True,
        "threshold": "5000.00",
    }
    await create_transaction(client, user, account, "-4999.99", booked_on=TODAY)
    big = await create_transaction(client, user, account, "-5000.00", booked_on=TODAY)
    await create_transaction(client, user, account, "-1.00", booked_on=TODAY)  # checks again
    assert await kinds(client, user) == []  # in-app is off
    [mail] = read_mail(settings.data_dir)
    assert mail["Subject"] == "Cashbook: A large expense: 5000.00 CZK"
    assert big["booked_on"] in mail_text(mail)
    preferences = (await client.get("/notifications/preferences", headers=user.headers)).json()
    assert {p["kind"]: (p["in_app"], p["email"]) for p in preferences} == {
        "budget_warning": (True, True),
        "budget_exceeded": (True, True),
        "large_transaction": (False, True),
        "goal_reached": (True, True),
        "consent_expiring": (True, True),
        "monthly_summary": (False, False),  # asked for, not given by default
    }


async def test_another_person_sees_and_marks_nothing(app, client):
    owner = await signed_in_user(app, client, "owner@example.com")
    account = await create_account(client, owner)
    await client.put(
        "/notifications/preferences/large_transaction",
        json={"threshold": "1"},
        headers=owner.headers,
    )
    await create_transaction(client, owner, account, "-2.00", booked_on=TODAY)
    [mine] = (await client.get("/notifications", headers=owner.headers)).json()
    other = await signed_in_user(app, client, "other@example.com")
    assert (await client.get("/notifications", headers=other.headers)).json() == []
    await client.post("/notifications/read", json={"ids": [mine["id"]]}, headers=other.headers)
    await client.post("/notifications/read", json={}, headers=other.headers)
    assert (await client.get("/notifications/unread-count", headers=owner.headers)).json() == {
        "count": 1
    }


async def test_a_bank_consent_about_to_end_alerts_once(app, client, settings):
    user = await signed_in_user(app, client, "consent@example.com")
    account = await create_account(client, user)
    async with session_scope(app.state.sessionmaker) as session:
        session.add(
            BankConnection(
                user_id=uuid.UUID(user.id),
                provider="csas",
                status="active",
                sync_interval_seconds=3600,
                consented_at=utcnow() - timedelta(days=settings.bank_consent_days - 3),
            )
        )
    for _ in range(2):  # checked after each stored transaction
        await create_transaction(client, user, account, "-1.00", booked_on=TODAY)
    notifications = (await client.get("/notifications", headers=user.headers)).json()
    assert [n["kind"] for n in notifications] == ["consent_expiring"]
    [mail] = read_mail(settings.data_dir)
    assert mail["Subject"] == "Cashbook: Your bank connection needs renewing soon"

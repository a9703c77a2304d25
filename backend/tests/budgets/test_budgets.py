"""Budgets: setting, copying, the split, spreads, and another person's rows."""

from tests.factories import api_create, create_account, create_transaction, signed_in_user


async def a_person(app, client, email="budgeter@example.com"):
    user = await signed_in_user(app, client, email)
    account = await create_account(client, user)
    food = await api_create(client, user, "/categories", {"name": "Food"})
    fun = await api_create(client, user, "/categories", {"name": "Fun"})
    return user, account, food, fun


def line(month: dict, category: dict) -> dict:
    [found] = [item for item in month["items"] if item["category_id"] == category["id"]]
    return found


async def test_budget_against_spending_and_the_total(app, client):
    user, account, food, fun = await a_person(app, client)
    put = await client.put(
        f"/budgets/months/2026-03/categories/{food['id']}",
        json={"amount": "1000.00"},
        headers=user.headers,
    )
    assert put.status_code == 200, put.text
    await create_transaction(client, user, account, "-850.00", category_id=food["id"])
    await create_transaction(client, user, account, "50.00", category_id=food["id"])  # refund
    await create_transaction(client, user, account, "-30.00", category_id=fun["id"])
    await create_transaction(client, user, account, "-99.00")  # uncategorised: not budgeted

    month = (await client.get("/budgets/months/2026-03", headers=user.headers)).json()
    assert line(month, food) | {"group": None} == {
        "category_id": food["id"],
        "group": None,
        "rollover": False,
        "amount": "1000.00",
        "carried": "0.00",
        "available": "1000.00",
        "spent": "800.00",
        "remaining": "200.00",
        "percent": 80,
    }
    assert line(month, fun)["spent"] == "30.00" and line(month, fun)["percent"] is None
    assert (month["amount"], month["spent"], month["remaining"]) == ("1000.00", "830.00", "170.00")
    assert (await client.get("/budgets/months/2026-04", headers=user.headers)).json()["items"] == []


async def test_a_transfer_between_own_accounts_is_not_spending(app, client):
    user, account, food, _fun = await a_person(app, client, "mover@example.com")
    savings = await create_account(client, user, name="Savings", kind="savings")
    out = await create_transaction(client, user, account, "-500.00", category_id=food["id"])
    into = await create_transaction(client, user, savings, "500.00")
    await create_transaction(client, user, account, "-120.00", category_id=food["id"])
    await client.put(
        f"/budgets/months/2026-03/categories/{food['id']}",
        json={"amount": "1000.00"},
        headers=user.headers,
    )
    month = (await client.get("/budgets/months/2026-03", headers=user.headers)).json()
    assert line(month, food)["spent"] == "620.00"
    linked = await client.post(
        "/transfers", json={"transaction_ids": [out["id"], into["id"]]}, headers=user.headers
    )
    assert linked.status_code == 201, linked.text
    month = (await client.get("/budgets/months/2026-03", headers=user.headers)).json()
    assert line(month, food)["spent"] == "120.00"


async def test_copy_from_the_previous_month_and_from_the_three_month_average(app, client):
    user, account, food, fun = await a_person(app, client)
    await client.put(
        f"/budgets/months/2026-03/categories/{fun['id']}",
        json={"amount": "70"},
        headers=user.headers,
    )
    copied = await client.post(
        "/budgets/months/2026-04/copy", json={"source": "previous"}, headers=user.headers
    )
    assert [(i["category_id"], i["amount"]) for i in copied.json()["items"]] == [
        (fun["id"], "70.00")
    ]
    for booked_on, amount in (("2026-01-05", "-100.00"), ("2026-02-05", "-200.01")):
        await create_transaction(
            client, user, account, amount, booked_on=booked_on, category_id=food["id"]
        )
    averaged = await client.post(
        "/budgets/months/2026-04/copy", json={"source": "average"}, headers=user.headers
    )
    assert line(averaged.json(), food)["amount"] == "100.00"  # 300.01 / 3, rounded
    assert line(averaged.json(), fun)["amount"] == "70.00"  # nothing spent: kept


async def test_the_split_must_sum_to_100_and_plans_each_group(app, client):
    user, account, food, fun = await a_person(app, client)
    wrong = await client.put(
        "/budgets/split",
        json={"income": "1000", "essentials": 50, "desires": 30, "savings": 30},
        headers=user.headers,
    )
    assert wrong.status_code == 422
    assert wrong.json()["detail"]["code"] == "BUDGET_SPLIT_NOT_100"
    assert (await client.get("/budgets/split", headers=user.headers)).status_code == 404
    split = await client.put(
        "/budgets/split",
        json={"income": "1000", "essentials": 60, "desires": 30, "savings": 10},
        headers=user.headers,
    )
    assert split.status_code == 200 and split.json()["income"] == "1000.00"
    grouped = await client.put(
        f"/budgets/categories/{food['id']}",
        json={"group": "essentials", "rollover": True},
        headers=user.headers,
    )
    assert grouped.json() == {"category_id": food["id"], "group": "essentials", "rollover": True}
    await create_transaction(client, user, account, "-120.00", category_id=food["id"])
    month = (await client.get("/budgets/months/2026-03", headers=user.headers)).json()
    assert month["groups"][0] == {
        "group": "essentials",
        "percent": 60,
        "planned": "600.00",
        "budgeted": "0.00",
        "spent": "120.00",
    }


async def test_a_spread_expense_counts_a_share_each_month(app, client):
    user, account, food, _ = await a_person(app, client)
    insurance = await create_transaction(
        client, user, account, "-100.00", booked_on="2026-03-14", category_id=food["id"]
    )
    spread = await client.put(
        f"/budgets/spreads/{insurance['id']}", json={"months": 3}, headers=user.headers
    )
    assert spread.json() == {"transaction_id": insurance["id"], "months": 3}
    spent = [
        line((await client.get(f"/budgets/months/2026-0{m}", headers=user.headers)).json(), food)[
            "spent"
        ]
        for m in (3, 4, 5)
    ]
    assert spent == ["33.34", "33.33", "33.33"]
    assert (await client.get("/budgets/months/2026-06", headers=user.headers)).json()["items"] == []
    removed = await client.delete(f"/budgets/spreads/{insurance['id']}", headers=user.headers)
    assert removed.status_code == 204
    march = (await client.get("/budgets/months/2026-03", headers=user.headers)).json()
    assert line(march, food)["spent"] == "100.00"


async def test_bad_input_is_refused_with_a_code(app, client):
    user, _, food, _ = await a_person(app, client)
    path = f"/budgets/months/2026-03/categories/{food['id']}"
    negative = await client.put(path, json={"amount": "-1"}, headers=user.headers)
    assert (negative.status_code, negative.json()["detail"]["code"]) == (422, "BUDGET_NEGATIVE")
    month = await client.get("/budgets/months/2026-13", headers=user.headers)
    assert month.status_code == 422


async def test_another_persons_budgets_categories_and_transactions_are_not_found(app, client):
    owner, account, food, _ = await a_person(app, client)
    expense = await create_transaction(client, owner, account, "-10.00", category_id=food["id"])
    await client.put(
        f"/budgets/months/2026-03/categories/{food['id']}",
        json={"amount": "10"},
        headers=owner.headers,
    )
    other = await signed_in_user(app, client, "other@example.com")
    calls = [
        ("PUT", f"/budgets/months/2026-03/categories/{food['id']}", {"amount": "1"}),
        ("DELETE", f"/budgets/months/2026-03/categories/{food['id']}", None),
        ("PUT", f"/budgets/categories/{food['id']}", {"rollover": True}),
        ("PUT", f"/budgets/spreads/{expense['id']}", {"months": 2}),
        ("DELETE", f"/budgets/spreads/{expense['id']}", None),
    ]
    for method, path, body in calls:
        response = await client.request(method, path, json=body, headers=other.headers)
        assert response.status_code == 404, (method, path, response.text)
    seen = (await client.get("/budgets/months/2026-03", headers=other.headers)).json()
    assert seen["items"] == [] and seen["spent"] == "0.00"
    assert (await client.get("/budgets/categories", headers=other.headers)).json() == []
    mine = (await client.get("/budgets/months/2026-03", headers=owner.headers)).json()
    assert line(mine, food)["amount"] == "10.00"


async def test_a_split_counts_each_part_in_its_own_category(app, client):
    user, account, food, fun = await a_person(app, client)
    receipt = await create_transaction(
        client, user, account, "-500.00", booked_on="2026-03-14", category_id=food["id"]
    )
    parts = [
        {"amount": "-320.00", "category_id": food["id"]},
        {"amount": "-200.00", "category_id": fun["id"]},
        {"amount": "20.00", "category_id": fun["id"]},  # a refund on the same receipt
    ]
    split = await client.put(
        f"/transactions/{receipt['id']}/splits", json={"parts": parts}, headers=user.headers
    )
    assert split.status_code == 200, split.text
    march = (await client.get("/budgets/months/2026-03", headers=user.headers)).json()
    assert (line(march, food)["spent"], line(march, fun)["spent"]) == ("320.00", "180.00")
    # A spread split spreads each part.
    await client.put(f"/budgets/spreads/{receipt['id']}", json={"months": 2}, headers=user.headers)
    april = (await client.get("/budgets/months/2026-04", headers=user.headers)).json()
    assert (line(april, food)["spent"], line(april, fun)["spent"]) == ("160.00", "90.00")
    await client.put(
        f"/transactions/{receipt['id']}/splits", json={"parts": []}, headers=user.headers
    )
    march = (await client.get("/budgets/months/2026-03", headers=user.headers)).json()
    assert line(march, food)["spent"] == "250.00"  # the whole again, spread over two months

"""A person's last month, made through the API, and the monthly summary's figures for it
computed here from the same amounts (not by the code under test)."""

from collections import defaultdict
from datetime import date

from cashbook.budgets.months import add_months, month_of
from tests.factories import api_create, create_account, create_transaction, signed_in_user

CURRENCY = "CZK"


def text(minor: int) -> str:
    sign = "-" if minor < 0 else ""
    return f"{sign}{abs(minor) // 100}.{abs(minor) % 100:02d} {CURRENCY}"


async def opt_in(client, user, *, in_app: bool = False) -> None:
    chosen = await client.put(
        "/notifications/preferences/monthly_summary",
        json={"in_app": in_app, "email": True},
        headers=user.headers,
    )
    assert chosen.status_code == 200, chosen.text


async def last_month_of(app, client, email: str) -> tuple[object, list[str]]:
    """The person and the lines their summary's text must contain."""
    user = await signed_in_user(app, client, email)
    account = await create_account(client, user)
    savings = await create_account(client, user, name="Savings", kind="savings")
    food = await api_create(client, user, "/categories", {"name": "Food"})
    fun = await api_create(client, user, "/categories", {"name": "Fun"})
    month = add_months(month_of(date.today()), -1)
    day = month.replace(day=12)
    entries = [  # (minor units, category, booked on)
        (3_850_000, None, day),
        (-123_456, food, day),
        (-7_890, food, month),
        (1_000, food, day),  # a refund: income, and less spent against the budget
        (-45_000, fun, day),
        (-999, None, day),  # uncategorised
        (-50_000, food, add_months(month, 1)),  # another month
        (-70_000, fun, add_months(month, -1)),
    ]
    for minor, category, booked_on in entries:
        await create_transaction(
            client,
            user,
            account,
            f"{minor / 100:.2f}",
            booked_on=booked_on.isoformat(),
            category_id=category["id"] if category else None,
        )
    # A transfer to the person's own savings is neither income nor spending.
    out = await create_transaction(client, user, account, "-2000.00", booked_on=day.isoformat())
    into = await create_transaction(client, user, savings, "2000.00", booked_on=day.isoformat())
    linked = await client.post(
        "/transfers", json={"transaction_ids": [out["id"], into["id"]]}, headers=user.headers
    )
    assert linked.status_code == 201, linked.text
    budgeted = {"Food": 120_000, "Fun": 50_000}
    for category in (food, fun):
        put = await client.put(
            f"/budgets/months/{month:%Y-%m}/categories/{category['id']}",
            json={"amount": f"{budgeted[category['name']] / 100:.2f}"},
            headers=user.headers,
        )
        assert put.status_code == 200, put.text

    counted = [
        (minor, category["name"] if category else "Uncategorised")
        for minor, category, booked_on in entries
        if month_of(booked_on) == month
    ]
    spent: dict[str, int] = defaultdict(int)
    net: dict[str, int] = defaultdict(int)
    for minor, name in counted:
        if minor < 0:
            spent[name] -= minor
        net[name] -= minor
    lines = [
        f"Income: {text(sum(minor for minor, _ in counted if minor > 0))}",
        f"Spending: {text(sum(spent.values()))}",
        *(f"- {name}: {text(amount)}" for name, amount in spent.items()),
        *(
            f"- {name}: {text(net[name])} of {text(amount)}, {text(amount - net[name])}"
            + (" (over budget)" if net[name] > amount else "")
            for name, amount in budgeted.items()
        ),
    ]
    return user, lines

"""Transfers between a person's own accounts: matched automatically from either side, linked
and unlinked by hand, left out of income and expense but kept in balances."""

from decimal import Decimal

import pytest

from tests.factories import create_account, create_transaction, signed_in_user

CURRENT = "CZ6508000000192000145399"
SAVINGS = "CZ4907100000000000123457"


async def transaction(client, user, transaction_id: str) -> dict:
    response = await client.get(f"/transactions/{transaction_id}", headers=user.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def summary(client, user) -> tuple[str, str]:
    body = (await client.get("/reports/summary?currency=CZK", headers=user.headers)).json()
    [line] = body["totals"]
    return line["income"], line["expense"]


async def by_category_and_month(client, user) -> tuple[set, set]:
    categories = (await client.get("/reports/by-category", headers=user.headers)).json()
    months = (await client.get("/reports/by-month", headers=user.headers)).json()
    return (
        {(i["income"], i["expense"]) for i in categories["items"]},
        {(i["income"], i["expense"]) for i in months["items"]},
    )


@pytest.mark.parametrize("out_first", [True, False])
async def test_both_sides_are_matched_in_either_order_and_leave_income_and_expense(
    app, client, out_first
):
    user = await signed_in_user(app, client, "transfers@example.com")
    current = await create_account(client, user, name="Current", iban=CURRENT)
    savings = await create_account(client, user, name="Savings", iban=SAVINGS)
    await create_transaction(client, user, current, "1000", booked_on="2026-03-01")
    sides = [
        (current, "-500", "2026-03-10", {"counterparty_account": "CZ49 0710 0000 0000 0012 3457"}),
        (savings, "500", "2026-03-12", {}),  # names nobody: the other side names it
    ]
    created = [
        await create_transaction(client, user, account, amount, booked_on=day, **extra)
        for account, amount, day, extra in (sides if out_first else sides[::-1])
    ]
    assert created[0]["transfer_id"] is None  # alone, it is nothing yet
    assert created[1]["transfer_id"] is not None  # the second side finds the first
    first = await transaction(client, user, created[0]["id"])
    assert first["transfer_id"] == created[1]["transfer_id"]

    assert await summary(client, user) == ("1000.00", "0.00")
    assert await by_category_and_month(client, user) == ({("1000.00", "0.00")},) * 2
    accounts = {
        a["id"]: a["balance"] for a in (await client.get("/accounts", headers=user.headers)).json()
    }
    assert (accounts[current["id"]], accounts[savings["id"]]) == ("500.00", "500.00")

    # Unlinked, they are income and expense again.
    unlinked = await client.delete(f"/transfers/{first['transfer_id']}", headers=user.headers)
    assert unlinked.status_code == 204
    assert await summary(client, user) == ("1500.00", "-500.00")
    assert (await transaction(client, user, created[0]["id"]))["transfer_id"] is None


async def test_a_far_date_another_amount_or_another_persons_account_never_match(app, client):
    owner = await signed_in_user(app, client, "owner@example.com")
    stranger = await signed_in_user(app, client, "stranger@example.com")
    current = await create_account(client, owner, iban=CURRENT)
    savings = await create_account(client, owner, name="Savings", iban=SAVINGS)
    theirs = await create_account(client, stranger, name="Theirs", iban="CZ5508000000001234567899")
    named = {"counterparty_account": SAVINGS}
    await create_transaction(client, owner, current, "-300", booked_on="2026-03-01", **named)
    late = await create_transaction(client, owner, savings, "300", booked_on="2026-03-05")
    other = await create_transaction(client, owner, savings, "299", booked_on="2026-03-01")
    assert late["transfer_id"] is None and other["transfer_id"] is None
    # The stranger's account is named by the owner's payment, but it is not the owner's.
    to_them = {"counterparty_account": "CZ5508000000001234567899"}
    await create_transaction(client, owner, current, "-70", booked_on="2026-03-02", **to_them)
    received = await create_transaction(client, stranger, theirs, "70", booked_on="2026-03-02")
    assert received["transfer_id"] is None


async def test_linking_by_hand_and_a_cash_withdrawal(app, client):
    user = await signed_in_user(app, client, "hand@example.com")
    stranger = await signed_in_user(app, client, "hands-off@example.com")
    current = await create_account(client, user, iban=CURRENT)
    card = await create_account(client, user, name="Card", kind="card", currency="CZK")
    wallet = await create_account(client, user, name="Wallet", kind="cash", currency="CZK")
    out = await create_transaction(client, user, current, "-1200", booked_on="2026-04-01")
    into = await create_transaction(client, user, card, "1200", booked_on="2026-04-09")
    atm = await create_transaction(client, user, current, "-2000", booked_on="2026-04-03")

    async def link(who, ids) -> tuple[int, dict]:
        response = await client.post(
            "/transfers", json={"transaction_ids": ids}, headers=who.headers
        )
        return response.status_code, response.json()

    assert (await link(stranger, [out["id"], into["id"]]))[0] == 404
    status, body = await link(user, [out["id"], atm["id"]])
    assert (status, body["detail"]["code"]) == (422, "TRANSFER_INVALID")  # one account
    status, transfer = await link(user, [into["id"], out["id"]])
    assert status == 201 and transfer["transaction_ids"] == [out["id"], into["id"]]
    status, body = await link(user, [out["id"], into["id"]])
    assert (status, body["detail"]["code"]) == (409, "TRANSFER_EXISTS")
    response = await client.delete(f"/transfers/{transfer['id']}", headers=stranger.headers)
    assert response.status_code == 404

    withdrawal = {"transaction_id": atm["id"], "cash_account_id": wallet["id"]}
    refused = await client.post(
        "/transfers/cash-withdrawal", json=withdrawal, headers=stranger.headers
    )
    assert refused.status_code == 404
    response = await client.post(
        "/transfers/cash-withdrawal", json=withdrawal, headers=user.headers
    )
    assert response.status_code == 201, response.text
    cash_side = await transaction(client, user, response.json()["transaction_ids"][1])
    assert (cash_side["account_id"], Decimal(cash_side["amount"])) == (wallet["id"], 2000)
    assert cash_side["transfer_id"] == response.json()["id"]
    nothing = (await client.get("/reports/summary", headers=user.headers)).json()
    assert nothing["totals"] == []  # nothing but transfers

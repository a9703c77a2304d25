"""Rules in the browser: create one from a transaction's row, try it on the existing
transactions, apply it, see the list change, and undo it."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, register
from tests.e2e.helpers import add_transaction, check_accessibility, go, rows

pytestmark = pytest.mark.e2e

EMAIL = "rita@example.com"
PASSWORD = "a sturdy rules passphrase"  # noqa: S105


@pytest.fixture
def page(browser):
    with open_page(browser, viewport={"width": 1280, "height": 800}) as page:
        yield page


def test_a_rule_from_a_transaction_applied_and_undone(page: Page, server):
    person = {"email": EMAIL, "password": PASSWORD, "first_name": "Rita", "last_name": "R"}
    register(server, person)
    page.goto(f"{server.url}/app/sign-in")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

    go(page, "Accounts")
    page.get_by_label("Account name").fill("Everyday")
    page.get_by_role("button", name="Add account").click()
    go(page, "Categories")
    page.get_by_label("Name", exact=True).fill("Supermarkets")
    page.get_by_role("button", name="Add category").click()
    expect(page.get_by_text("Supermarkets", exact=True)).to_be_visible()

    go(page, "Transactions")
    add_transaction(page, direction="Money out", amount="879.50", description="Tesco weekly shop")
    add_transaction(page, direction="Money out", amount="120", description="Tesco express")
    add_transaction(page, direction="Money out", amount="60", description="Bakery Novak")
    expect(rows(page)).to_have_count(3)

    # A rule pre-filled from a row: its description, money out.
    page.get_by_role("link", name="Create rule from Tesco express").click()
    dialog = page.get_by_role("dialog", name="New rule from a transaction")
    first = dialog.get_by_role("group", name="Condition 1")
    expect(first.get_by_label("Value")).to_have_value("Tesco express")
    first.get_by_label("Value").fill("tesco")
    dialog.get_by_label("Set category").select_option(label="Supermarkets")
    check_accessibility(page, "rule form")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", name="Rules", level=1)).to_be_visible()
    expect(page.get_by_text("2 conditions")).to_be_visible()

    # The dry run counts, then the worker applies it.
    page.get_by_role("button", name="Try on existing").click()
    expect(
        page.get_by_text("Matches 2 of 3 transactions; applying it would change 2.")
    ).to_be_visible()
    page.get_by_role("button", name="Apply to existing").click()
    runs = page.get_by_role("region", name="Applied to existing transactions")
    expect(runs.get_by_text("Done")).to_be_visible()
    expect(runs.get_by_text("3 of 3 looked at, 2 changed")).to_be_visible()
    check_accessibility(page, "/rules")

    go(page, "Transactions")
    tesco = rows(page).filter(has_text="Tesco")
    expect(tesco).to_have_count(2)
    for n in range(2):
        expect(tesco.nth(n)).to_contain_text("Supermarkets")
    expect(rows(page).filter(has_text="Bakery Novak")).to_contain_text("Uncategorised")

    go(page, "Rules")
    runs.get_by_role("button", name="Undo").click()
    expect(runs.get_by_text("Undone")).to_be_visible()
    go(page, "Transactions")
    expect(rows(page).filter(has_text=re.compile("Supermarkets"))).to_have_count(0)

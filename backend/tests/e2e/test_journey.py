"""A person's first session, at a desktop and at a phone-sized viewport: sign up, confirm the
email from the mail folder, sign in, create an account, add three transactions, filter and
search, categorise two at once, read the totals on the dashboard, sign out."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import mail_to, open_page
from tests.e2e.helpers import add_transaction, go, open_filters, rows, shoot
from tests.factories import link_token

pytestmark = pytest.mark.e2e

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
}
PASSWORD = "a sturdy passphrase 42"  # noqa: S105


@pytest.fixture(params=list(VIEWPORTS))
def device(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def page(browser, device: str):
    with open_page(browser, **VIEWPORTS[device]) as page:
        yield page


def test_first_session(page: Page, server, device: str):
    email = f"jana.{device}@example.com"

    # The root of the server is the app; a stranger lands on the sign-in page.
    page.goto(server.url + "/")
    expect(page).to_have_url(re.compile(r"/app/sign-in$"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    shoot(page, device, "sign-in")

    # Sign up; the form explains a weak password before anything is sent.
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("First name").fill("Jana")
    page.get_by_label("Last name").fill("Nováková")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Repeat the password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Use at least 10 characters.")).to_be_visible()
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    shoot(page, device, "sign-up")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    # The confirmation link from the mail folder confirms the address.
    messages = mail_to(server.data_dir, email)
    assert len(messages) == 1
    page.goto(f"{server.url}/app/verify?token={link_token(messages[0])}")
    expect(page.get_by_text("Your email address is confirmed.")).to_be_visible()

    # Sign in: a wrong password is refused in words, the right one opens the dashboard.
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("The email or the password is wrong.")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_text("Welcome to Cashbook.")).to_be_visible()
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert cookies["cashbook_session"]["httpOnly"] is True
    assert page.evaluate("Object.keys(localStorage).length") == 0

    # A manual account with an opening balance.
    go(page, "Accounts")
    page.get_by_label("Account name").fill("Everyday")
    page.get_by_label("Opening balance").fill("1000")
    page.get_by_role("button", name="Add account").click()
    expect(page.get_by_label("Balance of Everyday")).to_have_text(re.compile(r"1,000\.00"))

    # A category of her own to file the shopping under (beside the ones every person starts with).
    go(page, "Categories")
    page.get_by_label("Name", exact=True).fill("Weekly shopping")
    page.get_by_role("button", name="Add category").click()
    expect(page.get_by_text("Weekly shopping", exact=True)).to_be_visible()
    shoot(page, device, "categories")

    # Three transactions by hand.
    go(page, "Transactions")
    expect(page.get_by_text("No transactions yet.")).to_be_visible()
    add_transaction(page, direction="Money in", amount="30000", description="Salary ACME")
    add_transaction(page, direction="Money out", amount="120", description="Bakery Novak")
    add_transaction(page, direction="Money out", amount="879.50", description="Tesco weekly shop")
    expect(rows(page)).to_have_count(3)

    # Filter by type, then search by a word.
    open_filters(page)
    page.get_by_label("Type", exact=True).select_option("expense")
    expect(rows(page)).to_have_count(2)
    expect(page).to_have_url(re.compile(r"type=expense"))
    page.get_by_label("Search").fill("tesco")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Tesco weekly shop")
    page.get_by_role("button", name="Clear filters").click()
    expect(rows(page)).to_have_count(3)

    # Select the two purchases and categorise them at once.
    page.get_by_label("Select Bakery Novak").check()
    page.get_by_label("Select Tesco weekly shop").check()
    expect(page.get_by_text("2 selected")).to_be_visible()
    page.get_by_label("Category for the selected").select_option(label="Weekly shopping")
    page.get_by_role("button", name="Categorise").click()
    expect(page.get_by_text("Categorised 2 transactions.")).to_be_visible()
    page.get_by_label("Category", exact=True).select_option(label="Weekly shopping")
    expect(rows(page)).to_have_count(2)
    page.get_by_role("button", name="Clear filters").click()
    expect(rows(page)).to_have_count(3)
    shoot(page, device, "transactions")

    # The dashboard adds it up: 30 000 in, 999.50 out, all of it weekly shopping.
    go(page, "Dashboard")
    expect(page.get_by_test_id("month-income")).to_have_text(re.compile(r"30,000\.00"))
    expect(page.get_by_test_id("month-expense")).to_have_text(re.compile(r"-.*999\.50"))
    expect(page.get_by_test_id("month-net")).to_have_text(re.compile(r"29,000\.50"))
    expect(page.get_by_test_id("net-worth")).to_have_text(re.compile(r"30,000\.50"))
    legend = page.get_by_role("list", name="Spending by category")
    expect(legend).to_contain_text("Weekly shopping")
    expect(legend).to_contain_text("999.50")
    expect(page.locator(".recharts-surface").first).to_be_visible()
    shoot(page, device, "dashboard")

    go(page, "Accounts")
    expect(page.get_by_label("Balance of Everyday")).to_have_text(re.compile(r"30,000\.50"))
    shoot(page, device, "accounts")
    go(page, "Settings")
    expect(page.get_by_label("Base currency")).to_have_value("CZK")
    shoot(page, device, "settings")

    # Sign out: back on the sign-in page, and the app's data is gone with the session.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.goto(f"{server.url}/app/transactions")
    expect(page).to_have_url(re.compile(r"/app/sign-in\?next=%2Ftransactions$"))
    # Signing in again lands where the person was headed, with the data still there.
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Transactions", level=1)).to_be_visible()
    expect(rows(page)).to_have_count(3)

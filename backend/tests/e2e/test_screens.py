"""Every other screen a person uses: reset a forgotten password from the email, manage tags,
accounts and categories, edit and bulk-change transactions, change the profile, the password,
and finally delete the account."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import mail_to, open_page, register
from tests.e2e.helpers import add_transaction, go, open_filters, rows, shoot
from tests.factories import link_token

pytestmark = pytest.mark.e2e

EMAIL = "petra@example.com"
FIRST_PASSWORD = "first sturdy passphrase"  # noqa: S105
NEW_PASSWORD = "second sturdy passphrase"  # noqa: S105
LAST_PASSWORD = "third sturdy passphrase"  # noqa: S105


@pytest.fixture
def page(browser):
    with open_page(browser, viewport={"width": 1280, "height": 800}) as page:
        yield page


def sign_in(page: Page, password: str) -> None:
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_every_other_screen(page: Page, server):
    person = {"email": EMAIL, "password": FIRST_PASSWORD, "first_name": "Petra", "last_name": "K"}
    register(server, person)

    # Forgot the password: the link from the email sets a new one.
    page.goto(f"{server.url}/app/sign-in")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_role("button", name="Send the reset link").click()
    expect(page.get_by_text("If an account uses that address")).to_be_visible()
    resets = mail_to(server.data_dir, EMAIL, "Reset")
    assert [m["To"] for m in resets] == [EMAIL]
    page.goto(f"{server.url}/app/reset-password?token={link_token(resets[0])}")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_text("Your password was changed.")).to_be_visible()
    sign_in(page, FIRST_PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("The email or the password is wrong.")
    sign_in(page, NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    # (An unconfirmed person's banner and its resend button: tests/e2e/test_session.py.)

    # Tags: add one, rename it in the dialog.
    go(page, "Tags")
    page.get_by_label("Name", exact=True).fill("holiday")
    page.get_by_role("button", name="Add tag").click()
    page.get_by_role("button", name="Edit holiday").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Name", exact=True).fill("trip")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_text("trip", exact=True)).to_be_visible()
    shoot(page, "desktop", "tags")

    # Accounts: a cash wallet in euros, renamed.
    go(page, "Accounts")
    page.get_by_label("Account name").fill("Cash")
    page.get_by_label("Kind").select_option("cash")
    page.get_by_label("Currency").select_option("EUR")
    page.get_by_role("button", name="Add account").click()
    page.get_by_role("button", name="Edit Cash").click()
    page.get_by_role("dialog").get_by_label("Account name").fill("Wallet")
    page.get_by_role("dialog").get_by_role("button", name="Save account").click()
    expect(page.get_by_label("Balance of Wallet")).to_have_text(re.compile(r"^EUR\s0\.00$"))

    # Transactions: add one with the tag, edit it, filter by the tag, untag, delete.
    go(page, "Transactions")
    page.get_by_role("button", name="Add transaction").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Amount", exact=True).fill("45")
    dialog.get_by_label("Description").fill("Museum tickets")
    dialog.get_by_label("trip").check()
    dialog.get_by_role("button", name="Add transaction").click()
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("#trip")
    page.get_by_role("button", name="Edit Museum tickets").click()
    page.get_by_role("dialog").get_by_label("Amount", exact=True).fill("52.50")
    page.get_by_role("dialog").get_by_role("button", name="Save transaction").click()
    expect(rows(page).first).to_contain_text(re.compile(r"-EUR\s52\.50"))
    add_transaction(page, direction="Money out", amount="3", description="Coffee")
    open_filters(page)
    page.get_by_label("Tag", exact=True).select_option(label="trip")
    expect(rows(page)).to_have_count(1)
    page.get_by_role("button", name="Clear filters").click()
    expect(rows(page)).to_have_count(2)
    page.get_by_label("Select all shown").check()
    page.get_by_label("Tag for the selected").select_option(label="trip")
    page.get_by_role("button", name="Remove tag").click()
    expect(page.get_by_text("Untagged 2 transactions.")).to_be_visible()
    expect(page.get_by_text("#trip")).to_have_count(0)
    page.get_by_label("Select all shown").check()
    page.get_by_role("button", name="Delete selected").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_text("No transactions yet.")).to_be_visible()

    # Categories: a name already taken is refused in words; add, recolour and delete another.
    go(page, "Categories")
    page.get_by_label("Name", exact=True).fill("Side jobs")
    page.get_by_label("Kind").select_option("income")
    page.get_by_role("button", name="Add category").click()
    expect(page.get_by_role("button", name="Edit Side jobs")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Side jobs")
    page.get_by_role("button", name="Add category").click()
    expect(page.get_by_role("alert")).to_contain_text("Side jobs")
    page.get_by_role("button", name="Edit Side jobs").click()
    page.get_by_role("dialog").get_by_label("Colour").fill("#ff0000")
    page.get_by_role("dialog").get_by_role("button", name="Save").click()
    swatch = page.get_by_role("listitem").filter(has_text="Side jobs").locator(".swatch")
    expect(swatch).to_have_css("background-color", "rgb(255, 0, 0)")
    page.get_by_role("button", name="Delete Side jobs").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Side jobs", exact=True)).to_have_count(0)

    # The account goes too.
    go(page, "Accounts")
    page.get_by_role("button", name="Delete Wallet").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete account").click()
    expect(page.get_by_text("No accounts yet.")).to_be_visible()

    # Settings: base currency, a password change that checks the current one.
    go(page, "Settings")
    page.get_by_label("Base currency").select_option("EUR")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    page.get_by_label("Current password").fill("not it at all")
    page.get_by_label("New password", exact=True).fill(LAST_PASSWORD)
    page.get_by_label("Repeat the new password").fill(LAST_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_label("Current password").fill(NEW_PASSWORD)
    page.get_by_label("New password", exact=True).fill(LAST_PASSWORD)
    page.get_by_label("Repeat the new password").fill(LAST_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your password is changed.")).to_be_visible()
    me = page.evaluate("fetch('/users/me', {credentials: 'include'}).then(r => r.json())")
    assert me["base_currency"] == "EUR"

    # Delete the account: only after typing the email; then it is gone.
    page.get_by_role("button", name="Delete my account…").click()
    confirm = page.get_by_role("dialog").get_by_role("button", name="Delete everything")
    expect(confirm).to_be_disabled()
    page.get_by_role("dialog").get_by_label(re.compile("Type your email")).fill(EMAIL)
    page.get_by_role("dialog").get_by_label("Password").fill(LAST_PASSWORD)
    confirm.click()
    expect(page.get_by_text("Your account and all its data were deleted.")).to_be_visible()
    sign_in(page, LAST_PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("The email or the password is wrong.")

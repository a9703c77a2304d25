"""Money coming in by itself: connect the fake bank in the browser and see its transactions
arrive (the worker syncs), then import a small Fio statement and read its counts; the same
file again creates nothing."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page
from tests.e2e.helpers import go, rows, shoot
from tests.e2e.test_session import sign_in

pytestmark = pytest.mark.e2e

STATEMENT = Path(__file__).parent / "fixtures" / "fio-small.csv"


@pytest.fixture
def page(browser):
    with open_page(browser, viewport={"width": 1280, "height": 800}) as page:
        yield page


def test_connect_the_fake_bank_and_import_a_statement(page: Page, server):
    sign_in(page, server, "banking@example.com")

    # Connect: the app sends the browser to the bank's consent page, the bank sends it back.
    go(page, "Accounts")
    expect(page.get_by_text("No bank connected.")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Connect ")).click()
    page.get_by_role("button", name="Allow").click()
    expect(page).to_have_url(re.compile(r"/app/accounts\?bank=connected"))
    expect(page.get_by_text("Bank connected.")).to_be_visible()
    connection = page.get_by_role("listitem", name=re.compile("^Bank connection"))
    expect(connection.get_by_text("Connected")).to_be_visible()
    # The worker's first sync brings the accounts and their transactions.
    expect(connection.get_by_text(re.compile(r"done, \d+ new"))).to_be_visible(timeout=60_000)
    shoot(page, "desktop", "bank-connections")
    go(page, "Transactions")
    expect(rows(page).first).to_be_visible(timeout=60_000)

    # "Sync now" queues another sync, which finds nothing new.
    go(page, "Accounts")
    page.get_by_role("button", name="Sync now").click()
    expect(connection.get_by_text(re.compile(r"done, 0 new"))).to_be_visible(timeout=60_000)

    # Import a statement into a manual account.
    page.get_by_label("Account name").fill("Fio")
    page.get_by_role("button", name="Add account").click()
    expect(page.get_by_text("Fio", exact=True)).to_be_visible()
    go(page, "Import")
    expect(page.get_by_text("No statements imported yet.")).to_be_visible()
    page.get_by_label("Account", exact=True).select_option(label="Fio")
    page.get_by_label("Statement file").set_input_files(STATEMENT)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_test_id("import-created")).to_have_text("3", timeout=60_000)
    expect(page.get_by_test_id("import-duplicates")).to_have_text("0")
    expect(page.get_by_test_id("import-errors")).to_have_text("0")
    shoot(page, "desktop", "import")

    # The same file again: everything is already there.
    page.get_by_label("Statement file").set_input_files(STATEMENT)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_test_id("import-duplicates")).to_have_text("3", timeout=60_000)
    expect(page.get_by_test_id("import-created")).to_have_text("0")
    earlier = page.get_by_role("region", name="Earlier imports").get_by_role("listitem")
    expect(earlier).to_have_count(2)

    # Remove the connection: the app says the transactions stay, and they do.
    go(page, "Accounts")
    page.get_by_role("button", name=re.compile("^Remove the connection")).click()
    expect(page.get_by_text("The transactions already fetched stay")).to_be_visible()
    page.get_by_role("button", name="Remove connection").click()
    expect(page.get_by_text("No bank connected.")).to_be_visible()
    go(page, "Transactions")
    expect(rows(page).first).to_be_visible()

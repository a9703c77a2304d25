"""Planning screens that update by themselves: a budget's progress bar moves when transactions
imported and categorised in another tab count against it, and a goal shared between two people
shows each one's contribution on the other's screen, all without reloading.

Each screen that must update is opened while waiting for its live-event stream to answer, so
the events that follow cannot arrive before the screen listens."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page
from tests.e2e.helpers import check_accessibility, go, rows
from tests.e2e.test_session import sign_in

pytestmark = pytest.mark.e2e

STATEMENT = Path(__file__).parent / "fixtures" / "fio-small.csv"  # March 2024, rent 11 800
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def open_listening(page: Page, url: str, heading: str) -> None:
    """Loads `url` and returns once its heading shows and the live-event stream is open."""
    with page.expect_response(lambda response: response.url.endswith("/events")) as stream:
        page.goto(url)
    assert stream.value.ok
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()


@pytest.fixture
def page(browser):
    with open_page(browser, **DESKTOP) as page:
        yield page


def test_a_budget_bar_moves_when_an_import_in_another_tab_counts_against_it(page: Page, server):
    sign_in(page, server, "budget.live@example.com")
    go(page, "Accounts")
    page.get_by_label("Account name").fill("Fio")
    page.get_by_role("button", name="Add account").click()
    expect(page.get_by_text("Fio", exact=True)).to_be_visible()

    # March 2024's budget for housing, nothing spent yet.
    open_listening(page, f"{server.url}/app/budgets?month=2024-03", "Budgets")
    page.get_by_role("button", name="Edit the budget of Housing").click()
    page.get_by_role("textbox", name="Edit the budget of Housing").fill("12000")
    page.get_by_role("button", name="Save").click()
    housing = page.get_by_role("row").filter(has_text="Housing")
    bar = housing.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(housing.get_by_role("cell").nth(1)).to_have_text(re.compile(r"0\.00"))
    check_accessibility(page, "en /budgets")

    # Another tab imports March's statement and files the rent under housing.
    other = page.context.new_page()
    other.goto(f"{server.url}/app/imports")
    other.get_by_label("Account", exact=True).select_option(label="Fio")
    other.get_by_label("Statement file").set_input_files(STATEMENT)
    other.get_by_role("button", name="Import", exact=True).click()
    expect(other.get_by_test_id("import-created")).to_have_text("3", timeout=60_000)
    go(other, "Transactions")
    rent = rows(other).filter(has_text="Nájem")
    expect(rent).to_have_count(1)
    rent.get_by_role("checkbox").check()
    other.get_by_label("Category for the selected").select_option(label="Housing")
    other.get_by_role("button", name="Categorise").click()
    expect(other.get_by_text("Categorised 1 transaction")).to_be_visible()

    # The first tab, never reloaded, shows the rent against the budget: 11 800 of 12 000.
    expect(bar).to_have_attribute("aria-valuenow", "98")
    expect(housing.get_by_role("cell").nth(1)).to_have_text(re.compile(r"11,800\.00"))
    expect(housing.get_by_role("cell").nth(2)).to_have_text(re.compile(r"200\.00"))
    expect(bar).to_have_class(re.compile(r"budget-bar-near"))


def test_a_shared_goal_updates_on_both_screens(page: Page, server, browser):
    owner, member = "goal.owner@example.com", "goal.member@example.com"
    sign_in(page, server, owner)
    open_listening(page, f"{server.url}/app/goals", "Goals")
    page.get_by_role("textbox", name="Name").fill("Summer cottage")
    page.get_by_role("textbox", name="Target amount").fill("10000")
    page.get_by_role("button", name="Add the goal").click()
    card = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Summer cottage")
    )
    expect(card.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "0")
    card.get_by_role("textbox", name="Share with (email)").fill(member)
    card.get_by_role("button", name="Invite").click()
    expect(card.get_by_text(f"Shared with: {member}")).to_be_visible()

    # The second person, in a browser of their own, accepts and puts in 2 500.
    with open_page(browser, **DESKTOP) as second:
        sign_in(second, server, member)
        open_listening(second, f"{server.url}/app/goals", "Goals")
        expect(second.get_by_text(f"Shared by {owner}")).to_be_visible()
        second.get_by_role("button", name="Accept Summer cottage").click()
        theirs = second.get_by_role("listitem").filter(
            has=second.get_by_role("heading", name="Summer cottage")
        )
        # A member may contribute, but not share the goal further.
        expect(theirs.get_by_role("button", name="Contribute")).to_be_visible()
        expect(theirs.get_by_role("button", name="Invite")).to_have_count(0)
        check_accessibility(second, "en /goals")
        theirs.get_by_role("textbox", name="Amount").fill("2500")
        theirs.get_by_role("button", name="Contribute").click()
        expect(theirs.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "25")

        # The owner's screen, never reloaded, shows it.
        expect(card.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "25")
        expect(card.get_by_text(re.compile(r"2,500\.00 of .*10,000\.00"))).to_be_visible()

        # And the other way round: the owner puts in 1 000, the member's screen follows.
        card.get_by_role("textbox", name="Amount").fill("1000")
        card.get_by_role("button", name="Contribute").click()
        expect(card.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "35")
        expect(theirs.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "35")
        expect(theirs.get_by_text(re.compile(r"3,500\.00 of .*10,000\.00"))).to_be_visible()

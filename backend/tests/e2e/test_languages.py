"""The app in Czech for a browser set to Czech, then in English from the setting: Czech words,
numbers and dates on every screen, and axe-core finding no serious or critical violation on
any screen in either language."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, register
from tests.e2e.helpers import check_accessibility, rows

pytestmark = pytest.mark.e2e

EMAIL = "eva@example.com"
PASSWORD = "a long czech passphrase"  # noqa: S105
SCREENS = {
    "cs": [
        ("/", "Přehled"),
        ("/transactions", "Transakce"),
        ("/budgets", "Rozpočty"),
        ("/goals", "Cíle"),
        ("/accounts", "Účty"),
        ("/imports", "Import výpisu"),
        ("/categories", "Kategorie"),
        ("/tags", "Štítky"),
        ("/rules", "Pravidla"),
        ("/settings", "Nastavení"),
    ],
    "en": [
        ("/", "Dashboard"),
        ("/transactions", "Transactions"),
        ("/budgets", "Budgets"),
        ("/goals", "Goals"),
        ("/accounts", "Accounts"),
        ("/imports", "Import a statement"),
        ("/categories", "Categories"),
        ("/tags", "Tags"),
        ("/rules", "Rules"),
        ("/settings", "Settings"),
    ],
}
# Words of the English interface that must not show up in the Czech one.
ENGLISH = re.compile(r"\b(Sign out|Dashboard|Settings|Loading|Add account|Save|Cancel)\b")


@pytest.fixture
def page(browser):
    options = {"viewport": {"width": 1280, "height": 800}, "locale": "cs-CZ"}
    with open_page(browser, **options) as page:
        yield page


def visit(page: Page, server, path: str, heading: str, language: str) -> None:
    page.goto(f"{server.url}/app{path}")
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    expect(page.locator(".state-loading")).to_have_count(0)  # nothing still loading
    check_accessibility(page, f"{language} {path}")


def test_czech_then_english(page: Page, server):
    person = {"email": EMAIL, "password": PASSWORD, "first_name": "Eva", "last_name": "Malá"}
    register(server, person)

    # The browser speaks Czech, so does the app, before anyone signs in.
    visit(page, server, "/sign-up", "Založení účtu", "cs")
    visit(page, server, "/forgot-password", "Obnova hesla", "cs")
    page.goto(f"{server.url}/app/sign-in")
    expect(page.get_by_role("heading", name="Přihlášení")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "cs"
    check_accessibility(page, "cs /sign-in")
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label("Heslo").fill("wrong password 123")
    page.get_by_role("button", name="Přihlásit se").click()
    expect(page.get_by_role("alert")).to_contain_text("E-mail nebo heslo nesouhlasí.")
    page.get_by_label("Heslo").fill(PASSWORD)
    page.get_by_role("button", name="Přihlásit se").click()
    expect(page.get_by_role("heading", name="Přehled")).to_be_visible()

    # Money and dates the Czech way.
    page.goto(f"{server.url}/app/accounts")
    page.get_by_label("Název účtu").fill("Běžný účet")
    page.get_by_label("Počáteční zůstatek").fill("1 234,56")
    page.get_by_label("IBAN (nepovinné)").fill("CZ6508000000192000145399")
    page.get_by_role("button", name="Přidat účet").click()
    balance = page.get_by_label("Zůstatek účtu Běžný účet")
    expect(balance).to_have_text(re.compile(r"^1\s234,56\sKč$"))
    expect(page.get_by_text("CZ65 0800 0000 1920 0014 5399")).to_be_visible()
    # A fresh page load: the form waits for the accounts rather than starting without them.
    page.goto(f"{server.url}/app/transactions")
    page.get_by_role("button", name="Přidat transakci").first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Částka").fill("250,5")
    dialog.get_by_label("Popis").fill("Nákup v pekárně")
    dialog.get_by_role("button", name="Přidat transakci").click()
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text(re.compile(r"-250,50\sKč"))
    czech_date = re.compile(r"^\d{1,2}\. \d{1,2}\. \d{4}$")
    expect(rows(page).first.locator(".tx-date")).to_have_text(czech_date)

    for path, heading in SCREENS["cs"]:
        visit(page, server, path, heading, "cs")
        text = page.locator("body").inner_text()
        assert not ENGLISH.search(text), f"English on {path}: {ENGLISH.search(text)}"

    # The setting wins over the browser and stays after a reload.
    page.get_by_label("Jazyk").select_option("en")
    expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()
    for path, heading in SCREENS["en"]:
        visit(page, server, path, heading, "en")
    page.goto(f"{server.url}/app/accounts")  # 1 234,56 opening, 250,50 spent
    expect(page.get_by_label("Balance of Běžný účet")).to_have_text(re.compile(r"^CZK\s984\.06$"))

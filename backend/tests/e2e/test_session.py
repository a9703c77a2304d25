"""How a session ends: expiry or revocation sends the person to sign in with a message, and
unsafe requests without the CSRF header are refused."""

import re

import httpx
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import mail_to, open_page, register
from tests.e2e.helpers import check_accessibility
from tests.factories import link_token

pytestmark = pytest.mark.e2e

PASSWORD = "another sturdy passphrase"  # noqa: S105


@pytest.fixture
def page(browser):
    with open_page(browser, viewport={"width": 1024, "height": 768}) as page:
        yield page


def sign_in(page, server, email: str) -> None:
    register(server, {"email": email, "password": PASSWORD, "first_name": "Petr", "last_name": "D"})
    page.goto(f"{server.url}/app/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def test_an_ended_session_returns_to_sign_in_with_a_message(page, server):
    sign_in(page, server, "expiring@example.com")
    # The server forgets the session (as when it expires): only the httpOnly cookie goes.
    page.context.clear_cookies(name="cashbook_session")
    # The next request the app makes answers 401.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Transactions").click()
    expect(page).to_have_url(re.compile(r"/app/sign-in\?reason=expired$"))
    expect(page.get_by_text("Your session has ended. Please sign in again.")).to_be_visible()


def test_the_app_sends_the_csrf_header_and_the_server_insists_on_it(page, server):
    sign_in(page, server, "csrf@example.com")
    refused = page.evaluate(
        """async () => {
            const response = await fetch('/accounts', {method: 'POST', credentials: 'include',
              headers: {'Content-Type': 'application/json'},
              body: JSON.stringify({name: 'Sneaky', currency: 'CZK'})})
            return [response.status, (await response.json()).detail.code]
        }"""
    )
    assert refused == [403, "CSRF_FAILED"]
    # The same request through the app's own form carries the header and succeeds.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Accounts").click()
    page.get_by_label("Account name").fill("Savings")
    page.get_by_role("button", name="Add account").click()
    expect(page.get_by_label("Balance of Savings")).to_be_visible()
    expect(page.get_by_text("Sneaky")).to_have_count(0)


def test_keyboard_reaches_the_content_with_a_visible_focus(page, server):
    sign_in(page, server, "keys@example.com")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    outline = skip.evaluate("link => getComputedStyle(link).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_an_unconfirmed_person_is_told_why_and_can_have_the_link_sent_again(page, server):
    email = "unconfirmed@example.com"
    person = {"email": email, "password": PASSWORD, "first_name": "Olga", "last_name": "N"}
    assert httpx.post(f"{server.url}/auth/register", json=person).status_code == 201
    page.goto(f"{server.url}/app/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()

    # Signed in, but the data stays closed until the email is confirmed, and the app says so.
    banner = page.get_by_text("Confirm your email address to start using Cashbook")
    expect(banner).to_be_visible(timeout=15_000)  # after the dashboard's first requests
    expect(page.get_by_text("Confirm your email address first").first).to_be_visible()
    check_accessibility(page, "unconfirmed email")
    page.get_by_role("button", name="Send the link again").click()
    expect(page.get_by_text(f"We sent a new confirmation link to {email}.")).to_be_visible()
    sent = mail_to(server.data_dir, email, count=2)
    assert len(sent) == 2

    # The newest link confirms it; the app opens up.
    page.goto(f"{server.url}/app/verify?token={link_token(sent[-1])}")
    expect(page.get_by_text("Your email address is confirmed.")).to_be_visible()
    page.goto(f"{server.url}/app/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_text("Welcome to Cashbook.")).to_be_visible()
    expect(banner).to_have_count(0, timeout=15_000)

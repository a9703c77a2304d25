"""An administrator acts as a person (the banner is on every screen) and stops; the person
sees the access in Settings and asks for an export of their data from there."""

import os
import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import mail_to, open_page, register
from tests.e2e.helpers import go

pytestmark = pytest.mark.e2e

PASSWORD = "a sturdy passphrase for e2e"  # noqa: S105
REASON = "Helping with a missing account"


@pytest.fixture
def page(browser):
    with open_page(browser, viewport={"width": 1280, "height": 800}) as page:
        yield page


def sign_up(server, email: str, first_name: str) -> None:
    person = {"email": email, "password": PASSWORD, "first_name": first_name, "last_name": "T"}
    register(server, person)


def sign_in(page: Page, server, email: str) -> None:
    page.goto(f"{server.url}/app/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def test_impersonation_is_visible_and_audited_and_the_person_exports(page, browser, server):
    sign_up(server, "boss@example.com", "Boss")
    sign_up(server, "jana@example.com", "Jana")
    promoted = subprocess.run(
        [sys.executable, "-m", "cashbook", "users", "promote", "boss@example.com"],
        env={**os.environ, "CASHBOOK_DATA_DIR": str(server.data_dir)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert promoted.returncode == 0, promoted.stderr

    sign_in(page, server, "boss@example.com")
    go(page, "Admin")
    row = page.get_by_role("row").filter(has_text="jana@example.com")
    row.get_by_role("button", name="Act as").click()
    page.get_by_role("dialog").get_by_label("Reason").fill(REASON)
    page.get_by_role("dialog").get_by_role("button", name="Start").click()

    banner = page.locator(".impersonation-banner")
    expect(banner).to_contain_text("You are acting as jana@example.com")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    go(page, "Accounts")
    expect(banner).to_be_visible()  # on every screen
    banner.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("heading", name="Administration")).to_be_visible()
    expect(banner).to_be_hidden()
    audit = page.get_by_role("table", name="Audit log")
    expect(audit).to_contain_text("GET /accounts")
    expect(audit).to_contain_text(REASON)

    with open_page(browser, viewport={"width": 1280, "height": 800}) as person:
        sign_in(person, server, "jana@example.com")
        go(person, "Settings")
        accesses = person.get_by_role("list", name="Accesses to your account")
        expect(accesses).to_contain_text("boss@example.com")
        expect(accesses).to_contain_text(REASON)
        person.get_by_role("button", name="Email me an export").click()
        expect(person.get_by_text("Your export is being prepared")).to_be_visible()
        mails = mail_to(server.data_dir, "jana@example.com", "data export")
        assert len(mails) == 1

"""What the browser tests do again and again, in a person's terms."""

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import GATE_FIGURES, SCREENSHOTS

# Where the app keeps the language chosen in Settings (frontend/src/i18n/language.ts).
LANGUAGE_KEY = "cashbook.language"


def shoot(page: Page, device: str, name: str) -> None:
    """Saves the screen for the README in English and in Czech, after checking that nothing
    sticks out sideways in either. The Czech one is the same address in a second tab with the
    language chosen, so this page keeps what its forms hold."""
    _save(page, f"{device}-{name}-en")
    # The tabs share the storage; the app reads the choice when it starts, so this one stays.
    earlier = page.evaluate(f"localStorage.getItem('{LANGUAGE_KEY}')")
    page.evaluate(f"localStorage.setItem('{LANGUAGE_KEY}', 'cs')")
    czech = page.context.new_page()
    errors: list[str] = []
    czech.on("pageerror", lambda error: errors.append(str(error)))
    try:
        czech.goto(page.url)
        expect(czech.locator("html")).to_have_attribute("lang", "cs")
        expect(czech.locator("h1").first).to_be_visible()
        expect(czech.locator(".state-loading")).to_have_count(0)  # nothing still loading
        # A phone-sized tab opened this way paints only its first screen into a full-page
        # shot; a window as tall as the page shows all of it.
        height = czech.evaluate("document.documentElement.scrollHeight")
        width = czech.viewport_size["width"]
        czech.set_viewport_size(
            {"width": width, "height": max(height, czech.viewport_size["height"])}
        )
        _save(czech, f"{device}-{name}-cs")
    finally:
        czech.close()
        # Back to what the person had chosen (for most tests nothing: the browser's language).
        page.evaluate(
            "([key, value]) => value === null ? localStorage.removeItem(key)"
            " : localStorage.setItem(key, value)",
            [LANGUAGE_KEY, earlier],
        )
    assert errors == [], f"JavaScript errors in the Czech {name}: {errors}"


def _save(page: Page, name: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{name} is {width}px wide"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def rows(page: Page):
    return page.get_by_test_id("transaction-row")


def go(page: Page, screen: str) -> None:
    """Opens a screen from the main navigation and waits until it has replaced the last one.
    A phone's bottom bar leaves some screens to the links on Settings."""
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=screen)
    if link.is_visible():
        link.click()
    else:
        nav.get_by_role("link", name="Settings").click()
        page.get_by_role("navigation", name="More screens").get_by_role("link", name=screen).click()
    expect(page.get_by_role("heading", name=screen, level=1)).to_be_visible()


def open_filters(page: Page) -> None:
    """The filters start folded under the search box."""
    if not page.locator("details.more-filters").evaluate("details => details.open"):
        page.get_by_text("Filters", exact=True).click()


def add_transaction(page: Page, *, direction: str, amount: str, description: str) -> None:
    page.get_by_role("button", name="Add transaction").first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label(direction).check()
    dialog.get_by_label("Amount", exact=True).fill(amount)
    dialog.get_by_label("Description").fill(description)
    dialog.get_by_role("button", name="Add transaction").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("cell", name=description, exact=False).first).to_be_visible()


AXE = Path(__file__).resolve().parents[3] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


def check_accessibility(page: Page, name: str) -> None:
    """axe-core on the screen as it is: no serious or critical violation (WCAG 2.1 AA rules)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated through the browser's debugging protocol, which the page's CSP does not bind.
        page.evaluate(AXE.read_text())
    rules = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
    results = page.evaluate("rules => axe.run(document, {runOnly: rules})", rules)
    violations = results["violations"]
    serious = [v for v in violations if v["impact"] in SERIOUS]
    GATE_FIGURES.append(
        f"axe {name}: {len(violations)} violations, {len(serious)} serious or critical"
    )
    assert serious == [], [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3]) for v in serious
    ]

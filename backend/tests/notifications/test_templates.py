"""Every email renders as plain text and HTML from its templates, in English and Czech."""

import dataclasses
import uuid
from importlib.resources import files

import pytest
from jinja2 import UndefinedError

from cashbook.kit.language import LANGUAGES
from cashbook.notifications import messages
from cashbook.notifications.render import render
from cashbook.notifications.service import to_mime

LINK = "https://cashbook.example.com/app/verify?token=abc.def"

EMAILS = [
    messages.verify_email("a@example.com", "Jana", LINK),
    messages.reset_password("a@example.com", "Jana", LINK),
    messages.security_notice("a@example.com", "Jana", "your password was changed", "21 Nov 2026"),
    messages.bank_reauth_needed("a@example.com", "Jana", "Česká spořitelna", LINK),
    messages.import_finished("a@example.com", "Jana", "fio-2026-10.csv", 41, 3, LINK),
    messages.goal_invitation("a@example.com", "Jana", "Petr", "Holiday", LINK),
    messages.alert("a@example.com", "Jana", "Groceries at 80 %", "You spent 800 of 1000.", LINK),
    messages.data_export_ready("a@example.com", "Jana", LINK, uuid.uuid4()),
]


@pytest.mark.parametrize("email", EMAILS, ids=[e.template for e in EMAILS])
def test_each_email_has_a_subject_a_text_and_an_html_body(email):
    rendered = render(email.template, email.context, email.language)
    assert rendered.subject and "\n" not in rendered.subject
    assert rendered.text.startswith("Hello Jana,")
    assert "<p>Hello Jana,</p>" in rendered.html
    assert rendered.html.lstrip().startswith("<!doctype html>")
    if "link" in email.context:
        assert LINK in rendered.text
        assert f'href="{LINK}"' in rendered.html
    for value in email.context.values():
        assert str(value) in rendered.text


def test_values_are_escaped_in_html_and_kept_in_text():
    email = messages.verify_email("a@example.com", "<b>Eve</b> & co", LINK)
    rendered = render(email.template, email.context, email.language)
    assert "Hello <b>Eve</b> & co," in rendered.text
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp; co" in rendered.html
    assert "<b>Eve</b>" not in rendered.html


def test_subjects_carry_their_values():
    notice = messages.security_notice("a@example.com", "", "a new sign-in", "today")
    assert render(notice.template, notice.context, notice.language).subject == (
        "Cashbook security notice: a new sign-in"
    )
    assert render(notice.template, notice.context, notice.language).text.startswith("Hello there,")
    finished = messages.import_finished("a@example.com", "J", "one.ofx", 1, 0, LINK)
    text = render(finished.template, finished.context, finished.language).text
    assert "1 new transaction." in text  # singular, and no "skipped" clause with 0 duplicates
    assert "skipped" not in text


def test_a_missing_value_fails_instead_of_sending_a_hole():
    with pytest.raises(UndefinedError):
        render("verify-email", {"name": "Jana"}, "en")
    with pytest.raises(LookupError):
        render("no-such-template", {}, "cs")


def test_the_text_part_reads_as_written_in_the_raw_message():
    """A mail file opened as text shows the link whole (no quoted-printable `=3D` or soft
    line breaks) and the name in UTF-8."""
    long_link = f"{LINK}{'x' * 200}"
    email = messages.verify_email("a@example.com", "Růžena", long_link)
    raw = to_mime(
        render(email.template, email.context, email.language), email.to, "c@example.com"
    ).as_bytes()
    text = raw.decode()
    assert long_link in text
    assert "Hello Růžena," in text
    assert "Content-Transfer-Encoding: 8bit" in text


def _templates(language: str) -> set[str]:
    folder = files("cashbook.notifications").joinpath("templates", language)
    return {entry.name for entry in folder.iterdir()}


def test_every_template_and_subject_exists_in_every_language():
    for language in LANGUAGES:
        assert _templates(language) == _templates("en"), language
        assert messages.SUBJECTS[language].keys() == messages.SUBJECTS["en"].keys()
    sent = [*EMAILS, summary()]
    assert {f"{e.template}.txt.j2" for e in sent} | {f"{e.template}.html.j2" for e in sent} | {
        "_layout.html.j2",
        "_button.html.j2",
    } == _templates("en")


@pytest.mark.parametrize("email", EMAILS, ids=[e.template for e in EMAILS])
def test_each_email_reads_in_czech(email):
    czech = dataclasses.replace(email, language="cs")
    english = render(email.template, email.context, "en")
    rendered = render(czech.template, czech.context, "cs")
    assert rendered.text.startswith("Dobrý den,")
    assert '<html lang="cs">' in rendered.html
    assert "Tento e-mail dostáváte" in rendered.html
    assert rendered.subject != english.subject or email.template == "alert"
    # Not one sentence of the English text is left (values such as the link aside).
    values = {str(value) for value in email.context.values()}
    english_lines = {
        line
        for line in english.text.splitlines()
        if line and not any(value in line for value in values)
    }
    assert english_lines.isdisjoint(rendered.text.splitlines())
    for name, value in email.context.items():
        if name != "name":  # a Czech greeting names nobody: no vocative to get wrong
            assert str(value) in rendered.text
    if "link" in email.context:
        assert f'href="{email.context["link"]}"' in rendered.html


def summary(language: str = "en") -> messages.Email:
    return messages.monthly_summary(
        "a@example.com",
        "Jana",
        month="March 2026",
        income="100.00 CZK",
        spending="80.00 CZK",
        categories=[{"name": "<Food>", "spent": "80.00 CZK"}],
        budgets=[
            {
                "name": "<Food>",
                "available": "50.00 CZK",
                "spent": "80.00 CZK",
                "remaining": "-30.00 CZK",
                "over": True,
            }
        ],
        unconverted=["EUR"],
        link=LINK,
        user_id=uuid.uuid4(),
        language=language,
    )


def test_the_monthly_summary_lists_categories_budgets_and_unconverted_currencies():
    email = summary()
    rendered = render(email.template, email.context, email.language)
    assert rendered.subject == "Your Cashbook summary of March 2026"
    lines = rendered.text.splitlines()
    assert "- <Food>: 80.00 CZK" in lines
    assert "- <Food>: 80.00 CZK of 50.00 CZK, -30.00 CZK (over budget)" in lines
    assert "Not counted for want of an exchange rate: amounts in EUR." in lines
    assert "&lt;Food&gt;" in rendered.html and "<Food>" not in rendered.html


def test_the_monthly_summary_reads_in_czech():
    email = summary("cs")
    rendered = render(email.template, email.context, email.language)
    assert rendered.subject == "Souhrn Cashbooku za March 2026"
    lines = rendered.text.splitlines()
    assert "- <Food>: 80.00 CZK z 50.00 CZK, -30.00 CZK (rozpočet překročen)" in lines
    assert "Nezapočteno, protože chybí směnný kurz: částky v EUR." in lines
    assert '<html lang="cs">' in rendered.html

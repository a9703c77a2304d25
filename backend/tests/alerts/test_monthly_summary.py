"""The monthly summary: opt-in, last month's figures, and once per (person, month) however often
its job runs."""

from datetime import date

from cashbook.budgets.months import add_months, month_of
from cashbook.cron.admin import run_job_now
from tests.alerts.summary_month import last_month_of, opt_in
from tests.factories import mail_html, mail_text, read_mail, signed_in_user


async def run(settings) -> str:
    return await run_job_now(settings, "monthly-summary", lambda *_: None)


async def test_it_is_off_until_chosen(app, client):
    user = await signed_in_user(app, client, "quiet@example.com")
    chosen = await client.get("/notifications/preferences", headers=user.headers)
    [summary] = [p for p in chosen.json() if p["kind"] == "monthly_summary"]
    assert (summary["in_app"], summary["email"]) == (False, False)
    others = [p for p in chosen.json() if p["kind"] != "monthly_summary"]
    assert others and all(p["in_app"] and p["email"] for p in others)


async def test_once_a_month_to_those_who_asked_with_last_months_figures(app, client, settings):
    alice, lines = await last_month_of(app, client, "summary.alice@example.com")
    await last_month_of(app, client, "summary.bob@example.com")  # did not ask
    carol = await signed_in_user(app, client, "summary.carol@example.com")
    await opt_in(client, alice)
    await opt_in(client, carol, in_app=True)
    month = add_months(month_of(date.today()), -1)
    period = f"{month:%Y-%m}"

    assert await run(settings) == f"sent 2 summaries of {period}"
    assert await run(settings) == f"sent 0 summaries of {period}"  # however often it runs

    mails = [m for m in read_mail(settings.data_dir) if "summary" in m["Subject"]]
    assert sorted(m["To"] for m in mails) == [alice.email, carol.email]
    [mail] = [m for m in mails if m["To"] == alice.email]
    assert mail["Subject"] == f"Your Cashbook summary of {month:%B %Y}"
    text_lines = mail_text(mail).splitlines()
    for line in lines:
        assert line in text_lines, (line, mail_text(mail))
    assert "Uncategorised" in mail_html(mail) and "over budget" in mail_html(mail)
    # Carol asked for it in the app too: a notification, with nothing spent.
    listed = (await client.get("/notifications", headers=carol.headers)).json()
    assert [(n["kind"], n["period"]) for n in listed] == [("monthly_summary", period)]
    assert "Income 0.00 CZK, spending 0.00 CZK" in listed[0]["body"]
    # Alice chose email only.
    assert (await client.get("/notifications", headers=alice.headers)).json() == []

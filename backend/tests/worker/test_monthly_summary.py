"""The monthly summary through the scheduled job's real path: the cron endpoint queues the
run, a real worker computes the summaries and sends each through the outbox to the SMTP
server, with the figures of the person's last month."""

from email import message_from_bytes, policy

from pydantic import SecretStr

from tests.alerts.summary_month import last_month_of, opt_in
from tests.factories import mail_text
from tests.worker.conftest import wait_until

TOKEN = "cron-secret-for-the-summary"  # noqa: S105


async def test_the_job_mails_last_months_figures_once(
    app, client, settings, smtp_server, start_worker
):
    settings.smtp_host, settings.smtp_port = smtp_server.hostname, smtp_server.port
    settings.cron_token = SecretStr(TOKEN)
    user, lines = await last_month_of(app, client, "summary.worker@example.com")
    await opt_in(client, user)
    start_worker()
    cron = {"Authorization": f"Bearer {TOKEN}"}
    for _ in range(2):  # a second trigger of the same day is the same run
        triggered = await client.post("/internal/cron/monthly-summary", headers=cron)
        assert triggered.status_code == 202, triggered.text

    def summaries():
        mails = [
            (envelope, message_from_bytes(envelope.content, policy=policy.default))
            for envelope in smtp_server.messages
        ]
        return [(e, m) for e, m in mails if m["Subject"].startswith("Your Cashbook summary of ")]

    # The budget alerts of last month (Fun went past 80 %) arrive beside it.
    [(envelope, mail)] = wait_until(summaries, timeout=60)
    assert envelope.rcpt_tos == [user.email]
    text_lines = mail_text(mail).splitlines()
    for line in lines:
        assert line in text_lines, (line, mail_text(mail))

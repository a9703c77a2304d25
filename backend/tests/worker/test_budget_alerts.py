"""Budget alerts through a real worker on each broker: crossing 80 % and 100 % fires each
alert once, and its email reaches the SMTP server."""

from datetime import date

from tests.factories import api_create, create_account, create_transaction, signed_in_user
from tests.worker.conftest import wait_until

CHECKED = '"message": "alerts checked"'


async def test_crossing_80_and_100_percent_fires_once_each_and_mails(
    app, client, settings, smtp_server, start_worker
):
    settings.smtp_host, settings.smtp_port = smtp_server.hostname, smtp_server.port
    worker = start_worker()
    user = await signed_in_user(app, client, "alerted@example.com")
    account = await create_account(client, user)
    food = await api_create(client, user, "/categories", {"name": "Food"})
    today = date.today()
    await client.put(
        f"/budgets/months/{today:%Y-%m}/categories/{food['id']}",
        json={"amount": "1000"},
        headers=user.headers,
    )
    amounts = ["-850.00", "-10.00", "-200.00", "-5.00"]  # 85 %, 86 %, 106 %, 106.5 %
    for checks, amount in enumerate(amounts, start=1):
        await create_transaction(
            client, user, account, amount, booked_on=today.isoformat(), category_id=food["id"]
        )
        wait_until(lambda n=checks: worker.output.count(CHECKED) == n, timeout=60)
    wait_until(lambda: len(smtp_server.messages) >= 2, timeout=60)

    listed = (await client.get("/notifications", headers=user.headers)).json()
    assert [n["kind"] for n in listed] == ["budget_exceeded", "budget_warning"]
    subjects = sorted(
        line.split(": ", 1)[1]
        for envelope in smtp_server.messages
        for line in envelope.content.decode().splitlines()
        if line.startswith("Subject: ")
    )
    assert subjects == ["Cashbook: Food: 80 % of the budget", "Cashbook: Food: over budget"]
    assert all(envelope.rcpt_tos == [user.email] for envelope in smtp_server.messages)
    assert worker.output.count('"fired": 1') == 2  # the other checks fired nothing

"""The export is built by a real worker process and its link reaches an SMTP server."""

import io
import json
import re
import zipfile

from tests.factories import create_account, mail_text, parse_mail, signed_in_user
from tests.worker.conftest import wait_until


async def test_the_export_link_reaches_smtp_through_a_real_worker(
    app, client, settings, smtp_server, start_worker
):
    settings.smtp_host, settings.smtp_port = smtp_server.hostname, smtp_server.port
    # The API only queues the job: this process builds the export, with the same keys.
    start_worker(
        DB_ENCRYPTION_KEY=settings.db_encryption_key.get_secret_value(),
        DB_BLIND_INDEX_KEY=settings.db_blind_index_key.get_secret_value(),
    )
    person = await signed_in_user(app, client, "exporter@example.com")
    await create_account(client, person, name="Spending")
    assert (await client.post("/users/me/export", headers=person.headers)).status_code == 202

    wait_until(
        lambda: any(b"data export" in envelope.content for envelope in smtp_server.messages),
        timeout=60,
    )
    [envelope] = [e for e in smtp_server.messages if b"data export" in e.content]
    assert envelope.rcpt_tos == ["exporter@example.com"]
    link = re.search(r"https?://[^/\s]+(/exports/[\w\-]+)", mail_text(parse_mail(envelope.content)))
    assert link
    download = await client.get(link.group(1))
    assert download.status_code == 200
    data = json.loads(zipfile.ZipFile(io.BytesIO(download.content)).read("cashbook.json"))
    assert [account["name"] for account in data["accounts"]] == ["Spending"]

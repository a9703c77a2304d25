"""Data export: the ZIP holds exactly the person's data, decrypted; the link works once; one
export a day; an unused export's file is removed when its link expires; formula cells are
neutralised; the filtered list streams as CSV."""

import csv
import io
import json
import re
import zipfile
from datetime import timedelta

from sqlalchemy import select

from cashbook.cron.admin import run_job_now
from cashbook.kit.csv import neutralise
from cashbook.kit.db import session_scope
from cashbook.models import DataExport
from cashbook.models.base import utcnow
from tests.factories import (
    api_create,
    create_account,
    create_transaction,
    mail_text,
    read_mail,
    signed_in_user,
)

FORMULA = '=HYPERLINK("http://evil.example","click")'


async def person_with_data(app, client, email: str, description: str):
    person = await signed_in_user(app, client, email)
    account = await create_account(client, person, name=f"Account of {email}", iban=None)
    tag = await api_create(client, person, "/tags", {"name": f"tag-{email[:3]}"})
    food = await api_create(client, person, "/categories", {"name": f"Food of {email}"})
    budget = await client.put(
        f"/budgets/months/2026-03/categories/{food['id']}",
        json={"amount": "800.00"},
        headers=person.headers,
    )
    assert budget.status_code == 200, budget.text
    await api_create(client, person, "/goals", {"name": f"Trip of {email}", "target_amount": "50"})
    await create_transaction(
        client, person, account, "-120.50", description=description, tag_ids=[tag["id"]]
    )
    await create_transaction(client, person, account, "1000", description="@SUM(A1:A9)")
    return person, account


def export_link(settings, email: str) -> str:
    mails = [m for m in read_mail(settings.data_dir) if m["To"] == email]
    assert mails, "no export mail"
    match = re.search(r"/exports/([A-Za-z0-9_\-]+)", mail_text(mails[-1]))
    assert match
    return f"/exports/{match.group(1)}"


async def test_the_zip_holds_exactly_the_persons_data_once(app, client, settings):
    person, _ = await person_with_data(app, client, "jana@example.com", FORMULA)
    await person_with_data(app, client, "petr@example.com", "Petr's secret lunch")

    requested = await client.post("/users/me/export", headers=person.headers)
    assert requested.status_code == 202
    link = export_link(settings, "jana@example.com")

    # Stored encrypted: the ZIP's own bytes are not in the database.
    async with session_scope(app.state.sessionmaker) as session:
        stored = (await session.execute(select(DataExport.content))).scalar_one()
    assert not stored.startswith(b"PK")

    download = await client.get(link)
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    names = set(archive.namelist())
    assert {"cashbook.json", "transactions.csv", "accounts.csv", "tags.csv"} <= names
    data = json.loads(archive.read("cashbook.json"))
    assert data["profile"]["email"] == "jana@example.com"
    assert sorted(t["description"] for t in data["transactions"]) == sorted(
        [FORMULA, "@SUM(A1:A9)"]
    )
    assert [a["name"] for a in data["accounts"]] == ["Account of jana@example.com"]
    assert [(b["month"], b["amount"]) for b in data["budgets"]] == [("2026-03-01", 80000)]
    assert [g["name"] for g in data["goals"]] == ["Trip of jana@example.com"]
    assert {"budgets.csv", "goals.csv"} <= names
    everything = b"".join(archive.read(name) for name in names)
    assert b"petr" not in everything.lower() and b"Petr's secret" not in everything

    rows = list(csv.DictReader(io.StringIO(archive.read("transactions.csv").decode())))
    cells = {row["description"]: row["amount"] for row in rows}
    assert cells == {"'" + FORMULA: "-120.50", "'@SUM(A1:A9)": "1000.00"}

    # Once only; and the stored file is gone.
    assert (await client.get(link)).status_code == 404
    async with session_scope(app.state.sessionmaker) as session:
        assert (await session.execute(select(DataExport.content))).scalar_one() is None


async def test_one_export_a_day(app, client):
    person = await signed_in_user(app, client, "daily@example.com")
    other = await signed_in_user(app, client, "other@example.com")
    assert (await client.post("/users/me/export", headers=person.headers)).status_code == 202
    again = await client.post("/users/me/export", headers=person.headers)
    assert again.status_code == 429
    assert again.json()["detail"]["code"] == "EXPORT_TOO_SOON"
    assert 23 * 3600 < int(again.headers["retry-after"]) <= 24 * 3600
    # Someone else's limit is their own.
    assert (await client.post("/users/me/export", headers=other.headers)).status_code == 202


async def test_unknown_links_and_impersonators_get_nothing(app, client):
    admin = await signed_in_user(app, client, "root@example.com", superuser=True)
    person = await signed_in_user(app, client, "held@example.com")
    assert (await client.get("/exports/not-a-real-token")).status_code == 404
    started = await client.post(
        f"/admin/users/{person.id}/impersonate",
        json={"reason": "checking an export problem"},
        headers=admin.headers,
    )
    acting = {"Authorization": f"Bearer {started.json()['access_token']}"}
    refused = await client.post("/users/me/export", headers=acting)
    assert refused.status_code == 403
    assert refused.json()["detail"]["code"] == "IMPERSONATION_FORBIDDEN"


async def test_the_filtered_list_streams_as_csv(app, client):
    person, account = await person_with_data(app, client, "list@example.com", FORMULA)
    other, other_account = await person_with_data(app, client, "nosy@example.com", "Hidden")
    response = await client.get(
        "/exports/transactions.csv",
        params={"account_id": account["id"], "type": "expense"},
        headers=person.headers,
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["description"], r["amount"]) for r in rows] == [("'" + FORMULA, "-120.50")]
    # Another person's account in the filter is a missing account.
    stolen = await client.get(
        "/exports/transactions.csv",
        params={"account_id": other_account["id"]},
        headers=person.headers,
    )
    assert stolen.status_code == 404
    del other


def test_neutralise_every_formula_start_but_keep_numbers():
    for text in ("=1+1", "+1+1", "-1+1", "@A1", "\tx", "\rx", "-", "=", "+cmd|' /C calc'!A0"):
        assert neutralise(text) == "'" + text, repr(text)
    for text, cell in (("-120.50", "-120.50"), ("12", "12"), ("plain", "plain"), (None, "")):
        assert neutralise(text) == cell
    assert neutralise(["a", "b"]) == "a;b"
    assert neutralise(-5) == "-5"


async def test_an_unused_export_loses_its_file_when_its_link_expires(app, client, settings):
    person, _ = await person_with_data(app, client, "late@example.com", "Lunch")
    assert (await client.post("/users/me/export", headers=person.headers)).status_code == 202
    link = export_link(settings, "late@example.com")
    assert await run_job_now(settings, "exports-expire", lambda *_: None) == (
        "0 expired export(s) removed"
    )

    async with session_scope(app.state.sessionmaker) as session:
        export = (await session.execute(select(DataExport))).scalar_one()
        assert export.content is not None
        export.expires_at = utcnow() - timedelta(seconds=1)
    assert await run_job_now(settings, "exports-expire", lambda *_: None) == (
        "1 expired export(s) removed"
    )

    async with session_scope(app.state.sessionmaker) as session:
        export = (await session.execute(select(DataExport))).scalar_one()
    assert (export.status, export.content) == ("expired", None)
    assert (await client.get(link)).status_code == 404

"""Statement files through `POST /imports`, read by the import job, into the ledger."""

from decimal import Decimal

import pytest

from tests.factories import (
    all_transactions,
    create_account,
    mail_text,
    metric,
    read_mail,
    signed_in_user,
)
from tests.imports.helpers import fixture, imported, upload

GENERIC_MAPPING = (
    '{"date": "Booking date", "credit": "Money in", "debit": "Money out", '
    '"description": ["Details"], "counterparty_name": "Payee", "external_id": "Reference"}'
)


async def origin(client, user, transaction_id: str) -> dict:
    response = await client.get(f"/transactions/{transaction_id}/origin", headers=user.headers)
    assert response.status_code == 200, response.text
    return response.json()


def by_amount(items: list[dict]) -> dict[Decimal, dict]:
    return {Decimal(item["amount"]): item for item in items}


async def test_camt053_with_two_statements_of_one_account(app, client):
    user = await signed_in_user(app, client, "camt@example.com")
    account = await create_account(client, user, iban="CZ8620100000002900123456")
    imports = metric("cashbook_imports_total", format="camt053", outcome="success")
    rows = metric("cashbook_import_rows_total", format="camt053")
    result = await imported(client, user, account["id"], fixture("camt053/v2-two-statements.xml"))
    assert result["status"] == "succeeded", result
    assert metric("cashbook_imports_total", format="camt053", outcome="success") == imports + 1
    assert metric("cashbook_import_rows_total", format="camt053") == rows + 6
    assert (result["format"], result["encoding"]) == ("camt053.v2", "utf-8")
    # Six entries are booked (one of them a batch of two); the pending one is not yet.
    assert (result["total"], result["created"], result["duplicates"]) == (6, 6, 0)

    items = by_amount(await all_transactions(client, user.headers, account_id=account["id"]))
    assert set(items) == {
        Decimal("42500.00"),
        Decimal("-11800.00"),
        Decimal("-1264.90"),
        Decimal("-1000.00"),
        Decimal("-500.00"),
        Decimal("250.00"),
    }
    salary = items[Decimal("42500.00")]
    assert (salary["booked_on"], salary["counterparty_name"]) == (
        "2024-03-04",
        "Pekárna Kvásek s.r.o.",
    )
    assert salary["counterparty_account"] == "CZ0503000000000217654321"
    symbols = await origin(client, user, salary["id"])
    assert (symbols["variable_symbol"], symbols["constant_symbol"]) == ("20240302", "138")
    assert symbols["source"] == "import" and symbols["import_id"] == result["id"]
    rent = await origin(client, user, items[Decimal("-11800.00")]["id"])
    assert (rent["variable_symbol"], rent["constant_symbol"]) == ("4417", "308")
    abroad = items[Decimal("-1264.90")]
    assert (abroad["original_amount"], abroad["original_currency"]) == ("-49.90", "EUR")
    assert abroad["value_on"] == "2024-03-02"
    assert (await origin(client, user, abroad["id"]))["exchange_rate"] == "25.349"
    assert items[Decimal("-500.00")]["counterparty_name"] == "Spolek přátel Šumavy"
    assert items[Decimal("250.00")]["description"] == "Pizza & kino"

    [message] = [m for m in read_mail(app.state.settings.data_dir) if "import" in m["Subject"]]
    assert "6 new transactions" in mail_text(message)


async def test_camt053_statements_of_several_accounts_go_to_the_right_one(app, client):
    user = await signed_in_user(app, client, "several@example.com")
    euro = await create_account(client, user, currency="EUR", iban="CZ3008000000006655443322")
    crowns = await create_account(client, user, iban="CZ7508000000002108589434")
    data = fixture("camt053/v4-two-accounts.xml")

    euros = await imported(client, user, euro["id"], data)
    assert (euros["status"], euros["format"], euros["created"]) == ("succeeded", "camt053.v4", 2)
    czk = await imported(client, user, crowns["id"], data)
    assert (czk["status"], czk["created"]) == ("succeeded", 1)
    [bill] = await all_transactions(client, user.headers, account_id=crowns["id"])
    assert bill["description"] == "Záloha elektřina · červen"
    assert (await origin(client, user, bill["id"]))["variable_symbol"] == "9912034455"

    # An account without an IBAN cannot say which of the two accounts is its own.
    unnamed = await create_account(client, user, name="No IBAN")
    failed = await imported(client, user, unnamed["id"], data)
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "IMPORT_WRONG_ACCOUNT"
    assert "2 accounts" in failed["error"]["reason"]
    # Nor does a file of other accounts go into this one.
    other = await create_account(client, user, iban="CZ8620100000002900123456")
    wrong = await imported(client, user, other["id"], data)
    assert wrong["error"]["code"] == "IMPORT_WRONG_ACCOUNT"
    assert await all_transactions(client, user.headers, account_id=other["id"]) == []


async def test_camt053_version_8(app, client):
    user = await signed_in_user(app, client, "v8@example.com")
    account = await create_account(client, user, iban="CZ7508000000002108589434")
    result = await imported(client, user, account["id"], fixture("camt053/v8-card.xml"))
    assert (result["status"], result["format"], result["created"]) == ("succeeded", "camt053.v8", 2)
    items = by_amount(await all_transactions(client, user.headers, account_id=account["id"]))
    assert items[Decimal("-219.00")]["counterparty_name"] == "Kavárna Ořech"
    assert items[Decimal("-219.00")]["booked_on"] == "2024-09-15"
    assert items[Decimal("5000.00")]["description"] == "Příspěvek na dovolenou"


async def test_ofx_version_1_in_latin1_and_qfx_version_2(app, client):
    user = await signed_in_user(app, client, "ofx@example.com")
    euro = await create_account(client, user, currency="EUR")
    result = await imported(client, user, euro["id"], fixture("ofx/checking-v102-latin1.ofx"))
    assert (result["status"], result["format"], result["encoding"]) == (
        "succeeded",
        "ofx",
        "iso-8859-1",
    )
    items = by_amount(await all_transactions(client, user.headers, account_id=euro["id"]))
    assert items[Decimal("-64.90")]["counterparty_name"] == "Librairie Étoile"
    cafe = items[Decimal("-18.40")]
    assert cafe["description"] == "Crème brûlée et café, Genève"
    assert (cafe["original_amount"], cafe["original_currency"]) == ("-17.76", "CHF")
    assert items[Decimal("-9.99")]["counterparty_name"] == "Musique à la carte"

    card = await create_account(client, user, name="Card", kind="card")
    qfx = await imported(client, user, card["id"], fixture("ofx/card-v211.qfx"), format="qfx")
    assert (qfx["status"], qfx["created"]) == ("succeeded", 3)
    amounts = sorted(
        Decimal(t["amount"])
        for t in await all_transactions(client, user.headers, account_id=card["id"])
    )
    assert amounts == [Decimal("-1249.00"), Decimal("-86.00"), Decimal("1249.00")]


async def test_fio_and_csob_csv_in_utf8_and_windows_1250(app, client):
    user = await signed_in_user(app, client, "csv@example.com")
    fio = await create_account(client, user, iban="CZ8620100000002900123456")
    result = await imported(client, user, fio["id"], fixture("csv/fio-2024-03-01_15.csv"))
    assert (result["format"], result["encoding"], result["created"]) == ("csv.fio", "utf-8", 7)
    items = by_amount(await all_transactions(client, user.headers, account_id=fio["id"]))
    rent = items[Decimal("-11800.00")]
    assert (rent["counterparty_account"], rent["counterparty_name"]) == (
        "123457/0100",
        "Bytové družstvo Lipová",
    )
    assert (await origin(client, user, rent["id"]))["constant_symbol"] == "308"
    ski = items[Decimal("-1184.16")]
    assert (ski["original_amount"], ski["original_currency"]) == ("-46.80", "EUR")

    # A later export in Windows-1250 that repeats three of the same movements.
    later = await imported(client, user, fio["id"], fixture("csv/fio-2024-03-10_20-cp1250.csv"))
    assert (later["encoding"], later["total"], later["created"], later["duplicates"]) == (
        "windows-1250",
        5,
        2,
        3,
    )
    stored = await all_transactions(client, user.headers, account_id=fio["id"])
    assert len(stored) == 9
    assert by_amount(stored)[Decimal("-1290.00")]["counterparty_name"] == "Česká pojišťovna a.s."

    csob = await create_account(client, user, iban="CZ0503000000000217654321")
    result = await imported(client, user, csob["id"], fixture("csv/csob-2024-04-cp1250.csv"))
    assert (result["format"], result["encoding"], result["created"]) == (
        "csv.csob",
        "windows-1250",
        4,
    )
    items = by_amount(await all_transactions(client, user.headers, account_id=csob["id"]))
    school = items[Decimal("-1250.00")]
    assert (school["counterparty_name"], school["description"]) == (
        "Škola Za Zámečkem",
        "Školné duben",
    )
    assert (await origin(client, user, items[Decimal("12000.00")]["id"]))["specific_symbol"] == "12"
    assert items[Decimal("-372.50")]["description"] == "Žabka Praha Smíchov"


async def test_a_generic_csv_with_a_column_mapping(app, client):
    user = await signed_in_user(app, client, "generic@example.com")
    account = await create_account(client, user, currency="EUR")
    data = fixture("csv/generic-latin1.csv")
    unknown = await imported(client, user, account["id"], data)
    assert unknown["error"]["code"] == "IMPORT_UNREADABLE"
    assert "column mapping" in unknown["error"]["reason"]

    result = await imported(client, user, account["id"], data, mapping=GENERIC_MAPPING)
    assert (result["status"], result["format"], result["encoding"], result["created"]) == (
        "succeeded",
        "csv.generic",
        "iso-8859-1",
        4,
    )
    items = await all_transactions(client, user.headers, account_id=account["id"])
    assert sorted((t["booked_on"], t["amount"], t["counterparty_name"]) for t in items) == [
        ("2024-02-01", "-6.40", "Boulangerie Légère"),
        ("2024-02-02", "-6.40", "Boulangerie Légère"),
        ("2024-02-02", "25.00", "Señor Muñoz"),
        ("2024-02-05", "-2.00", "Crédit Agricole"),
    ]


@pytest.mark.parametrize(
    ("name", "fields", "currency", "iban"),
    [
        ("camt053/v2-two-statements.xml", {}, "CZK", "CZ8620100000002900123456"),
        ("ofx/card-v211.qfx", {}, "CZK", None),
        ("csv/csob-2024-04-cp1250.csv", {}, "CZK", "CZ0503000000000217654321"),
        ("csv/generic-latin1.csv", {"mapping": GENERIC_MAPPING}, "EUR", None),
    ],
)
async def test_importing_the_same_file_twice_creates_nothing_the_second_time(
    app, client, name, fields, currency, iban
):
    user = await signed_in_user(app, client, "twice@example.com")
    account = await create_account(client, user, currency=currency, iban=iban)
    first = await imported(client, user, account["id"], fixture(name), **fields)
    assert first["status"] == "succeeded" and first["created"] > 0
    before = await all_transactions(client, user.headers, account_id=account["id"])
    second = await imported(client, user, account["id"], fixture(name), **fields)
    assert (second["created"], second["duplicates"]) == (0, first["created"])
    assert await all_transactions(client, user.headers, account_id=account["id"]) == before


async def test_files_without_ids_are_deduplicated_by_their_content(app, client):
    """A CSV without movement ids: the same rows again are recognised, two equal rows of one
    day stay two."""
    user = await signed_in_user(app, client, "noids@example.com")
    account = await create_account(client, user, currency="EUR")
    mapping = GENERIC_MAPPING.replace(', "external_id": "Reference"', "")
    data = fixture("csv/generic-latin1.csv").replace(b"TX-0202-2", b"TX-0201-1")
    first = await imported(client, user, account["id"], data, mapping=mapping)
    assert first["created"] == 4
    extended = data + b'2024-02-06,"Boulangerie L\xe9g\xe8re","Pain, croissants",,"6.40",X\n'
    second = await imported(client, user, account["id"], extended, mapping=mapping)
    assert (second["created"], second["duplicates"]) == (1, 4)


async def test_malformed_files_fail_as_a_whole_and_write_nothing(app, client):
    user = await signed_in_user(app, client, "broken@example.com")
    account = await create_account(client, user, iban="CZ8620100000002900123456")

    rows = await imported(client, user, account["id"], fixture("csv/fio-broken-rows.csv"))
    assert rows["status"] == "failed"
    assert rows["error"]["code"] == "IMPORT_INVALID_ENTRIES"
    assert [(e["unit"], e["position"]) for e in rows["errors"]] == [("line", 8), ("line", 9)]
    assert "date" in rows["errors"][0]["message"] and "amount" in rows["errors"][1]["message"]
    assert "31.02.2024" not in str(rows)  # the file's values are never echoed

    euro = await create_account(client, user, currency="USD")
    ofx = await imported(client, user, euro["id"], fixture("ofx/broken-entries.ofx"))
    assert [(e["position"], e["message"]) for e in ofx["errors"]] == [
        (26, "the transaction has no posting date (DTPOSTED)"),
        (32, "the amount is not a number"),
    ]

    camt = fixture("camt053/v2-two-statements.xml")
    cut = await imported(client, user, account["id"], camt[: len(camt) // 2])
    assert (cut["status"], cut["error"]["code"]) == ("failed", "IMPORT_UNREADABLE")
    assert "not well-formed XML" in cut["error"]["reason"]
    newer = camt.replace(b"camt.053.001.02", b"camt.053.001.09")
    version = await imported(client, user, account["id"], newer)
    assert version["error"]["reason"] == "CAMT.053 version 9 is not supported; versions 2 to 8 are."

    crowns_into_euros = await imported(client, user, euro["id"], fixture("ofx/card-v211.qfx"))
    assert crowns_into_euros["error"]["code"] == "IMPORT_INVALID_ENTRIES"
    assert (
        "the amount is in CZK, the account keeps USD" in crowns_into_euros["errors"][0]["message"]
    )

    for item in (rows, ofx, cut, version, crowns_into_euros):
        assert item["created"] == 0 and item["finished_at"] is not None
    assert await all_transactions(client, user.headers) == []


async def test_bad_uploads_are_refused_with_a_reason(app, client, settings):
    user = await signed_in_user(app, client, "refused@example.com")
    account = await create_account(client, user)

    async def refused(data: bytes, status: int, code: str, **fields) -> None:
        response = await upload(client, user, account["id"], data, **fields)
        assert response.status_code == status, response.text
        assert response.json()["detail"]["code"] == code

    await refused(b"", 422, "IMPORT_EMPTY_FILE")
    await refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, 415, "IMPORT_UNSUPPORTED_FORMAT")
    await refused(b"<html><body>hello</body></html>", 415, "IMPORT_UNSUPPORTED_FORMAT")
    await refused(
        fixture("csv/csob-2024-04-cp1250.csv"), 422, "IMPORT_FORMAT_MISMATCH", format="ofx"
    )
    await refused(fixture("csv/generic-latin1.csv"), 422, "IMPORT_BAD_MAPPING", mapping="{nope")
    await refused(
        fixture("csv/generic-latin1.csv"), 422, "IMPORT_BAD_MAPPING", mapping='{"date": "x"}'
    )
    wrong_format = await upload(client, user, account["id"], b"a;b\n1;2\n", format="pdf")
    assert wrong_format.status_code == 422
    settings.import_max_bytes = 1024
    await refused(fixture("csv/fio-2024-03-01_15.csv"), 413, "IMPORT_TOO_LARGE")
    missing = await upload(client, user, "0b0f2a9e-6c55-4d68-a1d0-0d7b7e6f9a11", b"x;y\n1;2\n")
    assert (missing.status_code, missing.json()["detail"]["code"]) == (404, "ACCOUNT_NOT_FOUND")
    assert (await client.get("/imports", headers=user.headers)).json() == []


async def test_imports_are_listed_newest_first(app, client):
    user = await signed_in_user(app, client, "list@example.com")
    account = await create_account(client, user, iban="CZ0503000000000217654321")
    first = await imported(client, user, account["id"], fixture("csv/csob-2024-04-cp1250.csv"))
    second = await imported(client, user, account["id"], fixture("csv/csob-2024-04-cp1250.csv"))
    listed = (await client.get("/imports", headers=user.headers)).json()
    assert [i["id"] for i in listed] == [second["id"], first["id"]]
    assert listed[0]["file_name"] == "statement"

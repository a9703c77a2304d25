"""The statement parsers on their own: formats, versions, encodings, and what they refuse.
The fixtures are ours (tests/fixtures/statements), modelled on the banks' real exports."""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from cashbook.imports.encoding import CP1250, LATIN1, UTF8, decode, detect
from cashbook.imports.parsers import (
    ColumnMapping,
    FormatMismatch,
    UnknownFormat,
    detect_format,
    read_statement,
)
from cashbook.imports.records import (
    Fingerprints,
    StatementUnreadable,
    parse_amount,
    parse_date,
    repeated_ids,
    symbols_in,
)
from cashbook.ledger.records import StatementRecord
from tests.imports.helpers import fixture

V2 = fixture("camt053/v2-two-statements.xml")


@pytest.mark.parametrize("version", range(2, 9))
def test_camt053_versions_2_to_8_are_read(version):
    data = V2.replace(b"camt.053.001.02", f"camt.053.001.{version:02d}".encode())
    parsed = read_statement(data)
    assert parsed.format == f"camt053.v{version}"
    assert len(parsed.statements) == 2
    assert [len(s.records) for s in parsed.statements] == [3, 3]


@pytest.mark.parametrize("version", [1, 9, 13])
def test_other_camt053_versions_are_refused_by_name(version):
    data = V2.replace(b"camt.053.001.02", f"camt.053.001.{version:02d}".encode())
    with pytest.raises(StatementUnreadable, match=f"version {version} is not supported"):
        read_statement(data)


def test_camt053_details_batches_and_skipped_entries():
    parsed = read_statement(V2)
    first, second = parsed.statements
    assert first.account.iban == "CZ8620100000002900123456"
    assert first.account.currency == "CZK"
    salary, rent, abroad = first.records
    assert (salary.amount, salary.booked_on, salary.external_id) == (
        Decimal("42500.00"),
        date(2024, 3, 4),
        "24030400017",
    )
    assert (salary.variable_symbol, salary.specific_symbol, salary.constant_symbol) == (
        "20240302",
        None,
        "138",
    )
    assert (rent.counterparty_account, rent.variable_symbol) == ("19-123457/0100", "4417")
    assert (abroad.original_amount, abroad.original_currency, abroad.exchange_rate) == (
        Decimal("-49.90"),
        "EUR",
        Decimal("25.349"),
    )
    assert abroad.value_on == date(2024, 3, 2)
    # The batch entry becomes its two payments, each with an id of its own.
    gift, fee, pizza = second.records
    assert [(r.amount, r.external_id) for r in (gift, fee)] == [
        (Decimal("-1000.00"), "24030500003:1"),
        (Decimal("-500.00"), "24030500003:2"),
    ]
    assert pizza.description == "Pizza & kino" and pizza.value_on is None
    assert "<" in (salary.raw or "") and "Pekárna" in (salary.raw or "")
    v8 = read_statement(fixture("camt053/v8-card.xml"))
    assert [r.counterparty_name for r in v8.records] == ["Kavárna Ořech", "Marie Horáková"]
    assert v8.records[0].booked_on == date(2024, 9, 15)  # a date-time keeps its own date


def test_camt053_in_a_declared_single_byte_encoding():
    text = V2.decode().replace('encoding="UTF-8"', 'encoding="windows-1250"')
    parsed = read_statement(text.encode("cp1250"))
    assert parsed.encoding == CP1250
    assert parsed.records[1].counterparty_name == "Bytové družstvo Lipová"


def test_camt053_without_namespace_and_other_xml():
    data = V2.replace(b' xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"', b"")
    assert read_statement(data).format == "camt053"
    other = (
        b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">'
        b"<BkToCstmrStmt/></Document>"
    )
    with pytest.raises(StatementUnreadable, match="not a CAMT.053"):
        read_statement(other)


def test_xml_entity_tricks_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<Document><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&b;</AddtlNtryInf></Ntry></Stmt>"
        b"</BkToCstmrStmt></Document>"
    )
    with pytest.raises(StatementUnreadable):
        read_statement(bomb)
    external = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<Document><BkToCstmrStmt>&x;</BkToCstmrStmt></Document>"
    )
    with pytest.raises(StatementUnreadable):
        read_statement(external)


def test_ofx_sgml_and_xml():
    sgml = read_statement(fixture("ofx/checking-v102-latin1.ofx"))
    assert (sgml.format, sgml.encoding) == ("ofx", LATIN1)
    assert sgml.statements[0].account.number == "00010987654"
    assert [r.external_id for r in sgml.records] == [
        "FR24030400001",
        "FR24030500002",
        "FR24031100007",
        "FR24031800003",
    ]
    cafe = sgml.records[0]
    assert (cafe.booked_on, cafe.value_on, cafe.position) == (
        date(2024, 3, 4),
        date(2024, 3, 2),
        40,
    )
    assert sgml.records[2].amount == Decimal("-64.90")  # a decimal comma in TRNAMT
    assert "<STMTTRN>" in (cafe.raw or "") and "<FITID>FR24030400001" in (cafe.raw or "")
    xml = read_statement(fixture("ofx/card-v211.qfx"), format="qfx")
    assert xml.statements[0].account.number == "5168XXXXXXXX4471"
    assert xml.records[0].description == "Sluchátka & nabíječka"
    assert xml.records[1].description is None  # the memo only repeated the name


def test_csv_layouts_are_recognised_by_their_columns():
    fio = read_statement(fixture("csv/fio-2024-03-01_15.csv"))
    assert fio.format == "csv.fio"
    assert fio.statements[0].account.number == "2900123456/2010"
    assert fio.statements[0].account.iban == "CZ8620100000002900123456"
    rent = fio.records[0]
    assert (rent.counterparty_account, rent.variable_symbol, rent.constant_symbol) == (
        "123457/0100",
        "4417",
        "308",
    )
    assert rent.position == 14
    csob = read_statement(fixture("csv/csob-2024-04-cp1250.csv"))
    assert (csob.format, csob.encoding) == ("csv.csob", CP1250)
    assert csob.statements[0].account.number == "217654321/0300"
    assert csob.records[0].amount == Decimal("-1250.00")  # "-1 250,00"
    with pytest.raises(StatementUnreadable, match="not in the fio layout"):
        read_statement(fixture("csv/csob-2024-04-cp1250.csv"), format="fio")


def test_a_column_mapping_reads_any_layout():
    mapping = ColumnMapping(
        date="booking date",  # names compare without case
        amount="Amount",
        description=["Text", "Note"],
        date_format="%d/%m/%Y",
        decimal_separator=".",
    )
    data = b'Booking date,Amount,Text,Note\n31/01/2024,"-1,234.50",Rent,January\n'
    [record] = read_statement(data, mapping=mapping).records
    assert (record.booked_on, record.amount, record.description) == (
        date(2024, 1, 31),
        Decimal("-1234.50"),
        "Rent · January",
    )
    assert record.currency == ""  # the account's
    with pytest.raises(StatementUnreadable, match="every column the mapping names"):
        read_statement(data, mapping=ColumnMapping(date="Datum", amount="Amount"))
    with pytest.raises(ValueError, match="amount column"):
        ColumnMapping(date="Date", credit="In")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Převod na spořicí účet; nájem; důchod", "cp1250"),
        ("Žabka, Smíchov", "cp1250"),
        ("Kavárna Slavie, Čerpací stanice Benzina", "cp1250"),
        ("Très bon café à la crème, problème réglé", "latin-1"),
        ("Købmand København, Østerbro", "latin-1"),
        ("Señor Muñoz, año", "latin-1"),
        ("Převod ščř ěů", "utf-8"),
    ],
)
def test_encodings_are_detected(text, encoding):
    header = "Date;Amount;Memo" if encoding == "latin-1" else "Datum;Částka;Popis"
    data = f"{header}\n01.02.2024;-120,50;{text}\n".encode(encoding)
    expected = {"cp1250": CP1250, "latin-1": LATIN1, "utf-8": UTF8}[encoding]
    assert detect(data) == expected
    assert decode(data)[0].endswith(f"{text}\n")


def test_declared_encodings_win():
    xml = '<?xml version="1.0" encoding="windows-1250"?><a>Převod</a>'.encode("cp1250")
    assert detect(xml) == CP1250
    assert detect("\ufeffnázev".encode()) == UTF8
    ofx = b"OFXHEADER:100\nDATA:OFXSGML\nENCODING:USASCII\nCHARSET:1252\n\n<OFX>caf\xe9"
    assert detect(ofx) == LATIN1


def test_formats_are_told_by_content():
    assert detect_format(V2.decode()) == "camt053"
    assert detect_format("OFXHEADER:100\n<OFX>") == "ofx"
    assert detect_format('<?xml version="1.0"?>\n<?OFX OFXHEADER="200"?><OFX>') == "ofx"
    assert detect_format("a;b\n1;2\n") == "csv"
    for text in ("<html><body/></html>", "just some words"):
        with pytest.raises(UnknownFormat):
            detect_format(text)
    with pytest.raises(FormatMismatch, match="not OFX; it looks like CAMT.053"):
        read_statement(V2, format="ofx")
    with pytest.raises(StatementUnreadable, match="empty"):
        read_statement(b"  \n")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("-1 234,56", "-1234.56"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("+12", "12"),
        ("\u22127,5", "-7.5"),
        ("0,83", "0.83"),
    ],
)
def test_amounts(text, value):
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "deset", "1O0.00", "NaN", "Infinity"])
def test_amounts_that_are_not(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_dates_and_symbols():
    assert parse_date("15.3.2024") == parse_date("15. 3. 2024") == date(2024, 3, 15)
    assert parse_date("2024-03-15T10:00") == parse_date("20240315120000.000") == date(2024, 3, 15)
    with pytest.raises(ValueError):
        parse_date("31.02.2024")
    assert symbols_in("VS0250117002/SS0000000000/KS0308") == {"VS": "250117002", "KS": "308"}
    assert symbols_in("VS:123456", "SS: 77", None) == {"VS": "123456", "SS": "77"}


def test_fingerprints_are_stable_and_keep_equal_entries_apart():
    def coffee() -> StatementRecord:
        return StatementRecord(date(2024, 2, 1), Decimal("-65"), "CZK", description="Káva")

    first = [coffee(), coffee(), StatementRecord(date(2024, 2, 1), Decimal("-65"), "CZK")]
    again = [coffee(), coffee(), StatementRecord(date(2024, 2, 1), Decimal("-65"), "CZK")]
    for records in (first, again):
        fingerprints = Fingerprints("csv")
        for record in records:
            fingerprints.assign(record)
    assert [r.external_id for r in first] == [r.external_id for r in again]
    assert len({r.external_id for r in first}) == 3
    same_ids = [coffee(), coffee()]
    same_ids[0].external_id = same_ids[1].external_id = "1"
    assert repeated_ids(Counter(r.external_id for r in [*same_ids, *first])) == {"1"}


def _repeated(entry: str, count: int) -> str:
    return "".join(entry.format(n=n) for n in range(count))


def test_files_larger_than_a_read_are_read_across_its_boundaries():
    """Files are read 64 KiB at a time: a tag, a line or an entry cut by a read's end is whole
    in the records, and line numbers count across reads."""
    count = 3000  # about 300 KiB of OFX, 600 KiB of CAMT.053
    header = "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n<STMTRS>\n"
    entry = (
        "<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>20240304\n<TRNAMT>-{n}.25\n"
        "<FITID>F{n:06d}\n<NAME>Kavárna č. {n}\n</STMTTRN>\n"
    )
    ofx = (
        f"{header}<CURDEF>CZK\n<BANKACCTFROM>\n<ACCTID>123\n</BANKACCTFROM>\n<BANKTRANLIST>\n"
        f"{_repeated(entry, count)}</BANKTRANLIST>\n<LEDGERBAL>\n<BALAMT>10.00\n"
        "<DTASOF>20240331\n</LEDGERBAL>\n</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n"
    )
    parsed = read_statement(ofx.encode())
    assert len(ofx.encode()) > 4 * 65536
    first_line = header.count("\n") + 6  # the first <STMTTRN>
    assert [(r.external_id, r.amount, r.counterparty_name, r.position) for r in parsed.records] == [
        (f"F{n:06d}", -Decimal(f"{n}.25"), f"Kavárna č. {n}", first_line + 7 * n)
        for n in range(count)
    ]
    assert parsed.statements[0].closing.amount == Decimal("10.00")

    camt = V2.decode()
    start, end = camt.index("<Ntry>"), camt.index("</Ntry>") + len("</Ntry>")
    entries = [camt[start:end].replace("</NtryRef>", f"-{n}</NtryRef>") for n in range(count)]
    bigger = read_statement((camt[:start] + "".join(entries) + camt[end:]).encode())
    small = read_statement(V2)
    assert len(bigger.records) == len(small.records) + count - 1
    assert [r.amount for r in bigger.records[:count]] == [small.records[0].amount] * count
    assert len({r.external_id for r in bigger.records[:count]}) == count

"""The Česká spořitelna client: its mapping of the API's JSON, its paging over date windows,
and how it classifies the bank's errors (retry, refresh, re-authorise, give up)."""

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from cashbook.banking import csas
from cashbook.banking.csas import CsasConfig, CsasProvider, account_from, record_from
from cashbook.banking.fake_bank.app import API
from cashbook.banking.fake_bank.state import FakeBankConfig
from cashbook.banking.provider import (
    AccessTokenRejected,
    AccountIdUnknown,
    BankError,
    BankUnavailable,
    ConsentInvalid,
    Pkce,
)
from tests.conftest import free_port

# A card payment abroad as the API describes it (shape after the bank's documentation).
ABROAD = {
    "entryReference": "FC-2024-0007",
    "reservationId": "551234",
    "amount": {"value": Decimal("1264.90"), "currency": "CZK"},
    "creditDebitIndicator": "DBIT",
    "status": "BOOK",
    "bookingDate": {"date": "2024-03-04"},
    "valueDate": {"date": "2024-03-02"},
    "entryDetails": {
        "transactionDetails": {
            "references": {"endToEndIdentification": "VS0000004417/SS0000000000/KS0308"},
            "amountDetails": {
                "instructedAmount": {"amount": {"value": Decimal("49.90"), "currency": "EUR"}},
                "counterValueAmount": {
                    "amount": {"value": Decimal("1264.90"), "currency": "CZK"},
                    "currencyExchange": {
                        "sourceCurrency": "EUR",
                        "targetCurrency": "CZK",
                        "exchangeRate": Decimal("25.349"),
                    },
                },
            },
            "relatedParties": {
                "debtor": {"name": "Jana Nováková"},
                "debtorAccount": {"identification": {"iban": "CZ6008000000002045578019"}},
                "creditor": {"name": "Bergbahnen Kitzbühel"},
                "creditorAccount": {"identification": {"other": {"identification": "AT-88-2211"}}},
            },
            "remittanceInformation": {"unstructured": "Skipass"},
            "additionalRemittanceInformation": "3 dny",
            "additionalTransactionInformation": "Platba kartou",
        }
    },
}


def test_a_debit_abroad_maps_to_a_signed_record_with_its_details():
    record = record_from(ABROAD)
    assert (record.amount, record.currency) == (Decimal("-1264.90"), "CZK")
    assert (str(record.booked_on), str(record.value_on)) == ("2024-03-04", "2024-03-02")
    assert record.external_id == "FC-2024-0007" and record.reservation_id == "551234"
    assert not record.pending
    # Money out: the counterparty is the creditor, not the account holder.
    assert (record.counterparty_name, record.counterparty_account) == (
        "Bergbahnen Kitzbühel",
        "AT-88-2211",
    )
    assert record.description == "Skipass · 3 dny"
    assert (record.variable_symbol, record.specific_symbol, record.constant_symbol) == (
        "4417",
        None,
        "308",
    )
    assert (record.original_amount, record.original_currency, record.exchange_rate) == (
        Decimal("-49.90"),
        "EUR",
        Decimal("25.349"),
    )
    assert '"entryReference": "FC-2024-0007"' in (record.raw or "")


def test_a_pending_credit_and_structured_symbols():
    incoming = {
        "reservationId": "77",
        "amount": {"value": 500, "currency": "CZK"},
        "creditDebitIndicator": "CRDT",
        "status": "PDNG",
        "valueDate": {"date": "2024-05-01"},
        "entryDetails": {
            "transactionDetails": {
                "relatedParties": {
                    "debtor": {"name": "Petr Svoboda"},
                    "debtorAccount": {"identification": {"iban": "CZ4455000000001234567891"}},
                    "creditor": {"name": "Jana Nováková"},
                },
                "remittanceInformation": {
                    "structured": {
                        "creditorReferenceInformation": {"reference": ["VS:123", "SS:45"]}
                    }
                },
                "additionalTransactionInformation": "Tuzemská příchozí úhrada",
            }
        },
    }
    record = record_from(incoming)
    assert record.pending and record.external_id is None and record.reservation_id == "77"
    assert record.booked_on == record.value_on  # no booking date yet
    assert (record.amount, record.counterparty_name) == (Decimal(500), "Petr Svoboda")
    assert (record.variable_symbol, record.specific_symbol) == ("123", "45")
    assert record.description == "Tuzemská příchozí úhrada"
    with pytest.raises(BankError):
        record_from({**incoming, "creditDebitIndicator": None})


def test_accounts_need_an_iban():
    account = account_from(
        {"id": "X1", "identification": {"iban": "CZ60 0800 0000 0020 4557 8019"}, "currency": "czk"}
    )
    assert (account.iban, account.currency, account.name) == (
        "CZ6008000000002045578019",
        "CZK",
        "CZ6008000000002045578019",
    )
    with pytest.raises(BankError):
        account_from({"id": "X2", "identification": {"other": "1/0800"}})


def provider_for(fake_bank, **options) -> CsasProvider:
    config = fake_bank.bank.config
    return CsasProvider(
        CsasConfig(
            api_url=f"{fake_bank.url}{API}",
            auth_url=f"{fake_bank.url}/oauth/auth",
            token_url=f"{fake_bank.url}/oauth/token",
            revoke_url=f"{fake_bank.url}/oauth/revoke",
            api_key=config.api_key,
            client_id=config.client_id,
            client_secret=config.client_secret,
            **options,
        )
    )


async def connect(provider: CsasProvider, fake_bank) -> str:
    pkce = Pkce.new()
    redirect = "http://127.0.0.1:8000/bank/callback"
    url = provider.authorization_url(state="s", pkce=pkce, redirect_uri=redirect)
    code = fake_bank.approve(url).split("code=")[1].split("&")[0]
    tokens = await provider.exchange_code(code=code, verifier=pkce.verifier, redirect_uri=redirect)
    return tokens.access_token


@pytest.mark.parametrize(
    "fake_bank_config", [FakeBankConfig(purchases_per_day=2, history_days=100)]
)
async def test_a_window_with_too_many_transactions_is_split(fake_bank, monkeypatch):
    monkeypatch.setattr(csas, "MAX_PER_QUERY", 100)  # the bank's 10 000, scaled down
    provider = provider_for(fake_bank, page_size=40, window_days=90)
    try:
        access = await connect(provider, fake_bank)
        [main, *_] = await provider.list_accounts(access)
        bank = fake_bank.bank
        since = bank.today() - timedelta(days=89)
        pages = [page async for page in provider.transactions(access, main, since, bank.today())]
    finally:
        await provider.aclose()
    windows = {page.window for page in pages}
    assert len(windows) > 1  # split
    assert all(page.page_count * 40 <= 100 for page in pages)
    got = [r.external_id or r.reservation_id for page in pages for r in page.records]
    expected = [
        e
        for e in bank.visible_entries(bank.customer.accounts[0])
        if bank.effective_date(e) >= since
    ]
    assert len(got) == len(set(got)) == len(expected)


async def test_the_banks_errors_are_classified(fake_bank):
    provider = provider_for(fake_bank)
    bank = fake_bank.bank
    try:
        access = await connect(provider, fake_bank)
        for status, code, kind in [
            (503, "SERVICE_UNAVAILABLE", BankUnavailable),
            (429, "REQUEST_QUOTA_EXCEEDED", BankUnavailable),
            (500, "INTERNAL_SERVER_ERROR", BankUnavailable),
            (403, "TOKEN_INVALID", AccessTokenRejected),
            (404, "ID_NOT_FOUND", AccountIdUnknown),
            (412, "KEY_DISABLED", BankError),
        ]:
            bank.fail_next(status, code)
            with pytest.raises(kind) as raised:
                await provider.list_accounts(access)
            assert raised.value.code == code
            assert not isinstance(raised.value, BankUnavailable) or kind is BankUnavailable
        with pytest.raises(ConsentInvalid) as refused:
            await provider.refresh("not-a-refresh-token")
        assert refused.value.code == "invalid_grant"
    finally:
        await provider.aclose()

    closed = provider_for(fake_bank)
    closed.config = replace(closed.config, api_url=f"http://127.0.0.1:{free_port()}")
    try:
        with pytest.raises(BankUnavailable):
            await closed.list_accounts(access)
    finally:
        await closed.aclose()

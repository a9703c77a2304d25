"""Money between minor units and decimal strings."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashbook.kit.money import ACTIVE_CURRENCIES, AmountError, to_minor, to_text
from tests.factories import create_account, signed_in_user


@given(
    minor=st.integers(-(10**15) + 1, 10**15 - 1), currency=st.sampled_from(["CZK", "JPY", "KWD"])
)
def test_text_and_minor_units_round_trip(minor, currency):
    text = to_text(minor, currency)
    assert to_minor(text, currency) == minor
    places = {"CZK": 2, "JPY": 0, "KWD": 3}[currency]
    assert Decimal(text) == Decimal(minor).scaleb(-places)
    assert ("." in text) == (places > 0)
    if places:
        assert len(text.split(".")[1]) == places


def test_examples_and_refusals():
    assert to_text(-12345, "CZK") == "-123.45"
    assert (
        to_text(5, "EUR") == "0.05"
        and to_text(-5, "EUR") == "-0.05"
        and to_text(0, "CZK") == "0.00"
    )
    assert to_minor("-123.4", "CZK") == -12340 and to_minor("7", "JPY") == 7
    for amount, currency in (("1.5", "JPY"), ("1.001", "EUR"), ("1" * 16, "CZK")):
        with pytest.raises(AmountError):
            to_minor(amount, currency)


def test_the_web_app_offers_every_active_iso_4217_code_and_only_those():
    source = (Path(__file__).parents[3] / "frontend" / "src" / "lib" / "money.ts").read_text()
    listed = re.search(r"CURRENCIES = \[(.*?)\] as const", source, re.S)
    assert listed is not None
    assert set(re.findall(r"'([A-Z]{3})'", listed[1])) == ACTIVE_CURRENCIES
    assert {"CZK", "EUR", "JPY", "XCG", "ZWG"} <= ACTIVE_CURRENCIES
    assert not {"HRK", "CUC", "ABC"} & ACTIVE_CURRENCIES


async def test_an_inactive_or_made_up_currency_is_422(app, client):
    user = await signed_in_user(app, client, "currency@example.com")
    for code in ("HRK", "ABC"):
        response = await client.post(
            "/accounts", json={"name": "Old", "currency": code}, headers=user.headers
        )
        assert response.status_code == 422, code
    assert (await create_account(client, user, currency="XCG"))["currency"] == "XCG"

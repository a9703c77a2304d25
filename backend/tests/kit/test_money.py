"""Money between minor units and decimal strings."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashbook.kit.money import AmountError, to_minor, to_text


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

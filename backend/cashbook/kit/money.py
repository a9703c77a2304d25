"""Money: signed integer minor units plus an ISO 4217 code inside; decimal strings outside."""

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from typing import Annotated

from pydantic import StringConstraints

from cashbook.kit.errors import CashbookError

# Currencies whose minor unit is not a hundredth (ISO 4217); every other code has two decimals.
_EXPONENTS = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG"), 0),
    **dict.fromkeys(("RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
}
EXPONENTS = frozenset((0, 2, 3))
MAX_MINOR = 10**15  # a quadrillion minor units: far beyond any ledger, well inside BIGINT

CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
AmountText = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[+-]?\d{1,16}(\.\d{1,3})?$")
]


def exponent(currency: str) -> int:
    return _EXPONENTS.get(currency, 2)


def minor_unit(currency: str) -> Decimal:
    """The currency's smallest amount: Decimal("0.01") for CZK, Decimal("1") for JPY."""
    return Decimal(1).scaleb(-exponent(currency))


def currencies_with_exponent(value: int) -> list[str]:
    return sorted(code for code, exp in _EXPONENTS.items() if exp == value)


class AmountError(CashbookError):
    code = "INVALID_AMOUNT"


def to_minor(amount: str | Decimal, currency: str) -> int:
    """ "-123.45" CZK → -12345. Refuses more decimals than the currency has."""
    try:
        value = Decimal(amount)
    except InvalidOperation:
        raise AmountError("The amount must be a decimal number such as -123.45.") from None
    scaled = value.scaleb(exponent(currency))
    if scaled != scaled.to_integral_value():
        raise AmountError(f"{currency} amounts have at most {exponent(currency)} decimal places.")
    minor = int(scaled)
    if abs(minor) >= MAX_MINOR:
        raise AmountError("The amount is too large.")
    return minor


def to_minor_bound(amount: str, currency_exponent: int, *, lower: bool) -> int:
    """A filter bound in minor units: the smallest (or largest) whole unit on the right side."""
    scaled = Decimal(amount).scaleb(currency_exponent)
    return int(scaled.to_integral_value(rounding=ROUND_CEILING if lower else ROUND_FLOOR))


def to_text(minor: int, currency: str) -> str:
    """-12345 CZK → "-123.45". Integer arithmetic: a listing formats hundreds of these."""
    places = exponent(currency)
    if places == 0:
        return str(minor)
    whole, fraction = divmod(abs(minor), 10**places)
    return f"{'-' if minor < 0 else ''}{whole}.{fraction:0{places}d}"

"""Money: signed integer minor units plus an ISO 4217 code inside; decimal strings outside."""

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from cashbook.kit.errors import CashbookError

# ISO 4217 list one: every active code (withdrawn since 2023: HRK, CUC, SLL, ZWL, ANG;
# new: XCG, ZWG).
ACTIVE_CURRENCIES = frozenset(
    """
    AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
    BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
    EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
    JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
    MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
    RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND
    TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB
    XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG
    """.split()  # noqa: SIM905 - a table is easier to check against the standard
)
# Codes whose minor unit is not a hundredth; every other code has two decimals (the fund
# units CLF and UYW, four in ISO 4217, are kept to two like the rest).
_EXPONENTS = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG"), 0),
    **dict.fromkeys(("RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
}
EXPONENTS = frozenset((0, 2, 3))
MAX_MINOR = 10**15  # a quadrillion minor units: far beyond any ledger, well inside BIGINT


def _active(code: str) -> str:
    if code not in ACTIVE_CURRENCIES:
        raise ValueError("not an active ISO 4217 currency code")
    return code


CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), AfterValidator(_active)]
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
    bound = int(scaled.to_integral_value(rounding=ROUND_CEILING if lower else ROUND_FLOOR))
    # No stored amount reaches MAX_MINOR; a bound beyond it means the same and fits in BIGINT.
    return max(-MAX_MINOR, min(MAX_MINOR, bound))


def to_text(minor: int, currency: str) -> str:
    """-12345 CZK → "-123.45". Integer arithmetic: a listing formats hundreds of these."""
    places = exponent(currency)
    if places == 0:
        return str(minor)
    whole, fraction = divmod(abs(minor), 10**places)
    return f"{'-' if minor < 0 else ''}{whole}.{fraction:0{places}d}"

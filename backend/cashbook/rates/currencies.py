"""How many minor units a currency has (ISO 4217); amounts are stored in minor units."""

_ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE = "BHD IQD JOD KWD LYD OMR TND"
_EXPONENTS = {
    **dict.fromkeys(_ZERO.split(), 0),
    **dict.fromkeys(_THREE.split(), 3),
    "CLF": 4,
    "UYW": 4,
}


def minor_unit_exponent(currency: str) -> int:
    return _EXPONENTS.get(currency, 2)

"""The Czech National Bank's daily exchange-rate fixing: free, no key, with history by date.

`GET daily.txt?date=DD.MM.YYYY` answers plain text: line 1 the fixing's date and its number in
the year (`06 Dec 2026 #236`), line 2 the header `Country|Currency|Amount|Code|Rate`, then one
line per currency (`EMU|euro|1|EUR|24.325`): `Amount` units of `Code` cost `Rate` CZK. A day
without a fixing (a weekend, a holiday) answers the newest fixing before it.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import httpx

from cashbook.worker.jobs import TransientError

_DATE_FORMATS = ("%d %b %Y", "%d.%b.%Y", "%d.%m.%Y")


class CnbError(Exception):
    """The fixing could not be read: retrying won't help."""


class CnbUnavailable(TransientError):
    """The CNB did not answer or answered 5xx: the snapshot job tries again."""


def _fixing_date(line: str) -> date:
    text = line.split("#", 1)[0].strip()
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
    raise CnbError("the fixing's first line holds no date")


def parse_fixing(text: str) -> tuple[date, dict[str, Decimal]]:
    """The fixing's date and CZK per one unit of each currency."""
    lines = [line.strip() for line in text.strip().splitlines()]
    if len(lines) < 3 or "|" not in lines[1]:
        raise CnbError("the answer is not a CNB fixing")
    per_unit = {}
    for line in lines[2:]:
        if not line:
            break  # before 2002 other rates follow a blank line
        parts = line.split("|")
        if len(parts) != 5:
            raise CnbError("a fixing line does not have five fields")
        try:
            amount, rate = Decimal(parts[2]), Decimal(parts[4].replace(",", "."))
        except InvalidOperation:
            raise CnbError("a fixing line holds no number") from None
        if amount <= 0 or rate <= 0:
            raise CnbError("a fixing line holds a rate that is not positive")
        per_unit[parts[3].strip().upper()] = rate / amount
    return _fixing_date(lines[0]), per_unit


def rates_for_base(base: str, czk_per_unit: dict[str, Decimal]) -> dict[str, Decimal]:
    """The fixing seen from `base`: how many units of each currency one `base` buys."""
    czk = {**czk_per_unit, "CZK": Decimal(1)}
    if base not in czk:
        raise CnbError(f"the fixing has no {base}")
    return {code: czk[base] / value for code, value in czk.items() if code != base}


class CnbClient:
    def __init__(self, url: str, *, timeout: float = 15.0) -> None:
        self.url = url
        self.timeout = timeout

    async def fixing(self, on: date | None = None) -> tuple[date, dict[str, Decimal]]:
        params = {"date": f"{on:%d.%m.%Y}"} if on else {}
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as http:
                response = await http.get(self.url, params=params)
        except httpx.HTTPError as error:
            raise CnbUnavailable(f"the CNB fixing: {type(error).__name__}") from None
        if response.status_code == 429 or response.status_code >= 500:
            raise CnbUnavailable(f"the CNB fixing answered {response.status_code}")
        if response.status_code != 200:
            raise CnbError(f"the CNB fixing answered {response.status_code}")
        return parse_fixing(response.text)

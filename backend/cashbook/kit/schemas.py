"""What request schemas share."""

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def omittable(**options: Any) -> Any:
    """A PATCH field that may be left out but not sent as null (that is a 422): it is None in
    Python when left out, and its OpenAPI schema shows neither null nor a null default."""
    return Field(None, json_schema_extra=_no_default, **options)


FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_text(value: Any) -> Any:
    # Pydantic would also read a number as a Unix time ("0" is 1970-01-01); the OpenAPI says
    # a date is YYYY-MM-DD, and only that is accepted.
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date_text),
    Field(ge=FIRST_DAY, le=LAST_DAY, description="YYYY-MM-DD, from 1900 to 2999."),
]

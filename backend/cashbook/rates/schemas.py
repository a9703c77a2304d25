import datetime

from pydantic import BaseModel, Field


class ExchangeRates(BaseModel):
    date: datetime.date = Field(description="The snapshot's date (on or before the one asked for).")
    base: str
    rates: dict[str, str] = Field(description="Units of each currency one unit of `base` buys.")

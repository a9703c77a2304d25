from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from cashbook.auth.backends import CurrentUser
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.kit.money import CurrencyCode
from cashbook.rates.schemas import ExchangeRates
from cashbook.rates.service import rates_service

router = APIRouter(prefix="/exchange-rates", tags=["exchange-rates"])


@router.get("", operation_id="exchange_rates:get", response_model=ExchangeRates)
async def get_exchange_rates(
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    on: Annotated[
        date | None,
        Query(alias="date", description="Rates of this day (or the nearest earlier snapshot)."),
    ] = None,
    base: Annotated[
        CurrencyCode | None, Query(description="Defaults to your base currency.")
    ] = None,
) -> ExchangeRates:
    """Exchange rates of the newest snapshot, or of a given date."""
    table = await rates_service.table(session, settings, base or user.base_currency, on)
    rates = {code: format(rate, "f") for code, rate in table.rates.items()}
    return ExchangeRates(date=table.on_date, base=table.base, rates=rates)

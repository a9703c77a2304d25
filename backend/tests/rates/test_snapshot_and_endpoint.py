"""The daily snapshot (through the cron endpoint), reading rates back, and outages."""

import json
from datetime import date, timedelta
from decimal import Decimal

from pydantic import SecretStr
from sqlalchemy import func, select

from cashbook.kit.db import session_scope
from cashbook.kit.logging import configure_logging
from cashbook.models import CronRun, ExchangeRate
from cashbook.models.base import utcnow
from cashbook.rates.repository import RateRepository
from tests.conftest import UNIRATE_KEY
from tests.factories import signed_in_user
from tests.fake_cnb import FIXING

CRON = {"Authorization": "Bearer cron-secret-for-tests"}


async def rate_rows(app) -> int:
    async with session_scope(app.state.sessionmaker) as session:
        return (await session.execute(select(func.count()).select_from(ExchangeRate))).scalar()


async def store(app, on: date, rates: dict[str, str]) -> None:
    async with session_scope(app.state.sessionmaker) as session:
        values = {code: Decimal(rate) for code, rate in rates.items()}
        await RateRepository(session).replace_snapshot("EUR", on, values)


async def test_snapshot_stores_todays_rates_and_the_api_serves_them(
    app, client, rates_settings, unirate
):
    rates_settings.cron_token = SecretStr("cron-secret-for-tests")
    user = await signed_in_user(app, client, "rates@example.com")
    triggered = await client.post("/internal/cron/rates-snapshot", headers=CRON)
    assert triggered.status_code == 202, triggered.text
    assert unirate.requests == ["/api/rates"]
    assert await rate_rows(app) == len(unirate.rates)

    # The user's base currency (CZK) is the default base; EUR is crossed back.
    latest = await client.get("/exchange-rates", headers=user.headers)
    assert latest.status_code == 200
    body = latest.json()
    assert body["date"] == utcnow().date().isoformat()
    assert body["base"] == "CZK"
    assert Decimal(body["rates"]["CZK"]) == 1
    czk_per_eur = Decimal(unirate.rates["CZK"])
    assert abs(Decimal(body["rates"]["EUR"]) - 1 / czk_per_eur) < Decimal("1e-10")
    usd = Decimal(body["rates"]["USD"])
    assert abs(usd - Decimal(unirate.rates["USD"]) / czk_per_eur) < Decimal("1e-10")

    in_euros = await client.get("/exchange-rates", params={"base": "EUR"}, headers=user.headers)
    assert in_euros.json()["rates"]["GBP"] == unirate.rates["GBP"]

    async with session_scope(app.state.sessionmaker) as session:
        [run] = (await session.execute(select(CronRun))).scalars()
    assert (run.job, run.status) == ("rates-snapshot", "done")
    assert "stored 5 rates" in run.summary


async def test_a_date_gets_the_nearest_earlier_snapshot(app, client):
    user = await signed_in_user(app, client, "history@example.com")
    await store(app, date(2026, 3, 2), {"CZK": "25.0", "USD": "1.10"})
    await store(app, date(2026, 3, 5), {"CZK": "24.0", "USD": "1.00"})
    for asked, served, czk in [
        ("2026-03-02", "2026-03-02", "25.0"),
        ("2026-03-04", "2026-03-02", "25.0"),
        ("2026-03-09", "2026-03-05", "24.0"),
    ]:
        response = await client.get(
            "/exchange-rates", params={"date": asked, "base": "EUR"}, headers=user.headers
        )
        assert response.status_code == 200
        assert (response.json()["date"], response.json()["rates"]["CZK"]) == (served, czk)

    too_early = await client.get(
        "/exchange-rates", params={"date": "2026-03-01"}, headers=user.headers
    )
    assert too_early.status_code == 404
    assert too_early.json()["detail"]["code"] == "RATES_NOT_AVAILABLE"
    unknown = await client.get("/exchange-rates", params={"base": "XAU"}, headers=user.headers)
    assert unknown.status_code == 404
    assert unknown.json()["detail"]["code"] == "UNKNOWN_CURRENCY"


async def test_bad_parameters_are_422_and_anonymous_is_401(app, client):
    user = await signed_in_user(app, client, "params@example.com")
    bad = [{"date": "yesterday"}, {"date": "2026-02-30"}, {"base": "czk"}, {"base": "EURO"}]
    for params in bad:
        response = await client.get("/exchange-rates", params=params, headers=user.headers)
        assert response.status_code == 422, params
    assert (await client.get("/exchange-rates")).status_code == 401


async def test_no_snapshot_at_all_is_a_clear_404(app, client):
    user = await signed_in_user(app, client, "empty@example.com")
    response = await client.get("/exchange-rates", headers=user.headers)
    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "RATES_NOT_AVAILABLE"


async def test_a_unirate_outage_leaves_the_app_working(app, client, rates_settings, unirate):
    rates_settings.cron_token = SecretStr("cron-secret-for-tests")
    user = await signed_in_user(app, client, "outage@example.com")
    yesterday = utcnow().date() - timedelta(days=1)
    await store(app, yesterday, {"CZK": "25.0"})
    unirate.status = 503

    triggered = await client.post("/internal/cron/rates-snapshot", headers=CRON)
    assert triggered.status_code == 202
    assert unirate.requests == ["/api/rates"]
    async with session_scope(app.state.sessionmaker) as session:
        [run] = (await session.execute(select(CronRun))).scalars()
    assert run.status == "failed"
    # Yesterday's rates still answer, and the rest of the app does not notice.
    rates = await client.get("/exchange-rates", params={"base": "EUR"}, headers=user.headers)
    assert rates.json() == {
        "date": yesterday.isoformat(),
        "base": "EUR",
        "rates": {"CZK": "25.0", "EUR": "1"},
    }
    assert (await client.get("/users/me", headers=user.headers)).status_code == 200

    # UniRate is back: the next trigger of the same day tries the failed run again.
    unirate.status = 200
    again = await client.post("/internal/cron/rates-snapshot", headers=CRON)
    assert again.json()["created"] is True
    assert await rate_rows(app) == 1 + len(unirate.rates)


async def test_without_a_key_the_cnb_fixing_is_stored_against_the_base(
    app, client, settings, unirate, cnb
):
    settings.unirate_url, settings.cnb_url = unirate.url, cnb.url
    settings.cron_token = SecretStr("cron-secret-for-tests")
    friday = date.today() - timedelta(days=(date.today().weekday() - 4) % 7)
    cnb.fixings[friday] = FIXING
    await client.post("/internal/cron/rates-snapshot", headers=CRON)
    assert unirate.requests == []  # no key: UniRate is never asked
    assert cnb.requests == [None]  # today's fixing (the newest, on a weekend Friday's)
    async with session_scope(app.state.sessionmaker) as session:
        [run] = (await session.execute(select(CronRun))).scalars()
        stored = await RateRepository(session).snapshot("EUR", friday)
    assert run.status == "done", run.summary
    # One euro buys 24.325 CZK; a dollar costs 20.871 CZK; 100 yen cost 13.942 CZK.
    assert Decimal(stored["CZK"]) == Decimal("24.325")
    assert Decimal(stored["USD"]) == Decimal("24.325") / Decimal("20.871")
    assert Decimal(stored["JPY"]) == Decimal("24.325") / (Decimal("13.942") / 100)
    assert "EUR" not in stored


async def test_with_neither_source_nothing_is_fetched(app, client, settings, unirate):
    settings.unirate_url = unirate.url
    settings.cron_token = SecretStr("cron-secret-for-tests")
    await client.post("/internal/cron/rates-snapshot", headers=CRON)
    assert unirate.requests == []
    async with session_scope(app.state.sessionmaker) as session:
        [run] = (await session.execute(select(CronRun))).scalars()
    assert run.status == "done"
    assert "neither UNIRATE_API_KEY nor a CNB address" in run.summary


async def test_the_key_never_reaches_the_logs(app, client, rates_settings, unirate, capfd):
    rates_settings.cron_token = SecretStr("cron-secret-for-tests")
    configure_logging("DEBUG", "json")  # whatever httpx says at DEBUG must not leak either
    await client.post("/internal/cron/rates-snapshot", headers=CRON)  # success
    async with session_scope(app.state.sessionmaker) as session:
        for run in (await session.execute(select(CronRun))).scalars():
            await session.delete(run)
    unirate.status = 500
    await client.post("/internal/cron/rates-snapshot", headers=CRON)  # failure, logged
    output = capfd.readouterr()
    logged = output.out + output.err
    assert "UniRateUnavailable" in logged  # the failure was logged ...
    assert UNIRATE_KEY not in logged  # ... without the key
    assert "api_key" not in json.dumps(logged)

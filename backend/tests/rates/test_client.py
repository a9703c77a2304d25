"""The UniRate client against a fake UniRate over HTTP: answers, refusals, outages."""

from decimal import Decimal

import pytest

from cashbook.rates.client import UniRateClient, UniRateError, UniRateUnavailable
from tests.conftest import UNIRATE_KEY, free_port


async def test_reads_rates_one_pair_and_currencies(unirate):
    client = UniRateClient(unirate.url, UNIRATE_KEY)
    rates = await client.rates("EUR")
    assert rates["CZK"] == Decimal(unirate.rates["CZK"])
    assert all(isinstance(rate, Decimal) and rate > 0 for rate in rates.values())
    # Crossed through the euro by the server; the client keeps its precision.
    pair = await client.rate("USD", "CZK")
    assert abs(pair - Decimal(unirate.rates["CZK"]) / Decimal(unirate.rates["USD"])) < Decimal(
        "1e-9"
    )
    assert set(await client.currencies()) == {"EUR", *unirate.rates}


async def test_a_wrong_key_or_currency_is_a_refusal_not_worth_retrying(unirate):
    with pytest.raises(UniRateError, match="401"):
        await UniRateClient(unirate.url, "wrong-key").rates("EUR")
    with pytest.raises(UniRateError, match="404"):
        await UniRateClient(unirate.url, UNIRATE_KEY).rate("EUR", "XXX")


@pytest.mark.parametrize("status", [429, 500, 503])
async def test_overload_and_server_errors_are_transient(unirate, status):
    unirate.status = status
    with pytest.raises(UniRateUnavailable, match=str(status)):
        await UniRateClient(unirate.url, UNIRATE_KEY).rates("EUR")


async def test_an_unreachable_server_is_transient_and_the_error_has_no_url():
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(UniRateUnavailable) as caught:
        await UniRateClient(url, UNIRATE_KEY, timeout=2).rates("EUR")
    assert UNIRATE_KEY not in str(caught.value)
    assert caught.value.__cause__ is None  # the httpx error (with the URL) is not chained

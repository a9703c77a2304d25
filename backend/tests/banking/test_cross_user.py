"""A second person can neither see nor use the first one's connections, imports or the
origins of their transactions: every such request answers 404, as for an id that does not
exist."""

from tests.factories import all_transactions, connect_bank, signed_in_user
from tests.imports.helpers import fixture, imported, upload


async def test_another_persons_connections_imports_and_origins_are_404(app, client, fake_bank):
    owner = await signed_in_user(app, client, "owner@example.com")
    connection_id = await connect_bank(client, fake_bank, owner)
    [connection] = (await client.get("/bank/connections", headers=owner.headers)).json()
    account_id = connection["accounts"][0]["account_id"]
    statement = await imported(client, owner, account_id, fixture("csv/csob-2024-04-cp1250.csv"))
    transaction = (await all_transactions(client, owner.headers))[0]
    other = await signed_in_user(app, client, "other@example.com")

    attempts = [
        ("GET", f"/bank/connections/{connection_id}"),
        ("GET", f"/bank/connections/{connection_id}/runs"),
        ("POST", f"/bank/connections/{connection_id}/sync"),
        ("POST", f"/bank/connections/{connection_id}/reauthorize"),
        ("DELETE", f"/bank/connections/{connection_id}"),
        ("GET", f"/imports/{statement['id']}"),
        ("GET", f"/transactions/{transaction['id']}/origin"),
    ]
    for method, path in attempts:
        response = await client.request(method, path, headers=other.headers)
        assert response.status_code == 404, (method, path, response.text)
        assert response.json()["detail"]["code"] in (
            "BANK_CONNECTION_NOT_FOUND",
            "IMPORT_NOT_FOUND",
            "TRANSACTION_ORIGIN_NOT_FOUND",
        )
    into_theirs = await upload(client, other, account_id, fixture("csv/csob-2024-04-cp1250.csv"))
    assert into_theirs.status_code == 404
    assert (await client.get("/bank/connections", headers=other.headers)).json() == []
    assert (await client.get("/imports", headers=other.headers)).json() == []

    # Nothing of the owner's changed.
    [still] = (await client.get("/bank/connections", headers=owner.headers)).json()
    assert still["status"] == "active"
    runs = await client.get(f"/bank/connections/{connection_id}/runs", headers=owner.headers)
    assert [run["trigger"] for run in runs.json()] == ["connect"]
    assert not any(c.revoked for c in fake_bank.bank.consents.values())
    assert len((await client.get("/imports", headers=owner.headers)).json()) == 1

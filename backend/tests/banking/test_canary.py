"""Bank tokens, IBANs, raw payloads and uploaded files never reach the database in plain
text: neither the SQLite file nor a dump of MariaDB shows them."""

import httpx

from tests.factories import all_transactions, create_account, signed_in_user
from tests.imports.helpers import imported, upload
from tests.transactions.test_encryption_at_rest import stored_bytes

CANARY_IBAN = "CZ6506000000008855221144"
STATEMENT = (
    "datum zaúčtování;částka;měna;číslo účtu protiúčtu;kód banky protiúčtu;"
    "název účtu protiúčtu;variabilní symbol;ID transakce;poznámka\n"
    "02.04.2024;-1 250,00;CZK;8855221144;0600;CANARY-payee-Hh3;7788;T1;CANARY-note-Lp8\n"
).encode("cp1250")


async def test_tokens_ibans_and_files_never_appear_in_plain_text(app, client, fake_bank, backend):
    user = await signed_in_user(app, client, "canary@example.com")
    started = await client.post("/bank/connections", headers=user.headers)
    state = httpx.URL(started.json()["authorization_url"]).params["state"]
    back = httpx.URL(fake_bank.approve(started.json()["authorization_url"]))
    await client.get(f"{back.path}?{back.query.decode()}")
    bank = fake_bank.bank
    bank.expire_access_tokens()  # one refresh: old and new tokens have both been stored
    connection_id = started.json()["id"]
    response = await client.post(f"/bank/connections/{connection_id}/sync", headers=user.headers)
    assert response.status_code == 202
    transactions = await all_transactions(client, user.headers)
    assert len(transactions) > 50

    own = [account.iban for account in bank.customer.accounts]
    counterparties = {e.counterparty_iban for e in bank.customer.entries if e.counterparty_iban}
    tokens = [*bank.access_tokens, *bank.refresh_tokens]
    assert len(bank.refresh_tokens) >= 2

    # A statement file, read, and another one still waiting for a worker.
    account = await create_account(client, user, name="PLAIN-statement-account")
    done = await imported(client, user, account["id"], STATEMENT, name="CANARY-file-Tt5.csv")
    assert done["status"] == "succeeded"
    app.state.settings.jobs_inline = False
    waiting = await upload(client, user, account["id"], STATEMENT, name="CANARY-file-Tt5.csv")
    assert waiting.json()["status"] == "queued"

    stored = await stored_bytes(app, backend)
    assert b"PLAIN-statement-account" in stored  # we are looking at the right data
    for secret in [*tokens, state, *own, *counterparties, CANARY_IBAN, "8855221144"]:
        assert secret.encode() not in stored, secret
    assert own[0][4:].encode() not in stored  # not even without the country prefix
    assert b"CANARY" not in stored
    for secret in (bank.config.client_secret, bank.config.api_key):
        assert secret.encode() not in stored

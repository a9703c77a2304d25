"""A person's language: their emails and their default categories speak it (issue 22)."""

from tests.factories import (
    api_get,
    link_token,
    mail_html,
    mail_text,
    read_mail,
    register,
    signed_in_user,
)

JANA = {
    "email": "jana@example.com",
    "password": "a long new password",
    "first_name": "Jana",
    "last_name": "Nováková",
}


async def test_a_czech_sign_up_gets_czech_mail_and_czech_categories(client, settings):
    jana = await register(client, settings.data_dir, {**JANA, "language": "cs"})
    [message] = read_mail(settings.data_dir)
    assert message["Subject"] == "Potvrďte svůj e-mail pro Cashbook"
    assert mail_text(message).startswith("Dobrý den,")
    assert '<html lang="cs">' in mail_html(message)

    me = await api_get(client, jana, "/users/me")
    assert me["language"] == "cs"
    names = {category["name"] for category in await api_get(client, jana, "/categories")}
    assert {"Mzda", "Potraviny", "Doprava", "Poplatky"} <= names
    assert "Groceries" not in names


async def test_without_a_language_the_account_is_english(client, settings):
    jana = await register(client, settings.data_dir, JANA)
    [message] = read_mail(settings.data_dir)
    assert message["Subject"] == "Confirm your email for Cashbook"
    assert (await api_get(client, jana, "/users/me"))["language"] == "en"
    names = {category["name"] for category in await api_get(client, jana, "/categories")}
    assert {"Salary", "Groceries"} <= names


async def test_the_language_set_in_settings_writes_the_next_email(app, client, settings):
    petr = await signed_in_user(app, client, "petr@example.com")
    changed = await client.patch("/users/me", json={"language": "cs"}, headers=petr.headers)
    assert changed.status_code == 200, changed.text
    assert changed.json()["language"] == "cs"

    await client.post("/auth/forgot-password", json={"email": petr.email})
    [message] = read_mail(settings.data_dir)
    assert message["Subject"] == "Obnovení hesla do Cashbooku"
    assert "Někdo požádal o obnovení hesla" in mail_html(message)
    assert link_token(message)


async def test_an_unknown_language_is_refused(app, client):
    refused = await client.post("/auth/register", json={**JANA, "language": "de"})
    assert refused.status_code == 422
    petr = await signed_in_user(app, client, "petr@example.com")
    for value in ("de", None):
        response = await client.patch("/users/me", json={"language": value}, headers=petr.headers)
        assert response.status_code == 422

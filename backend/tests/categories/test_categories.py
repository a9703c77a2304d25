"""Categories: the default set at registration, names, parents, deletion."""

from cashbook.categories.service import DEFAULT_CATEGORIES
from tests.factories import (
    api_create,
    create_account,
    create_transaction,
    register,
    signed_in_user,
)


async def test_registration_creates_the_default_set(client, settings):
    details = {
        "email": "new@example.com",
        "password": "a sturdy passphrase 42",
        "first_name": "New",
        "last_name": "Person",
    }
    person = await register(client, settings.data_dir, details)
    headers = person.headers
    categories = (await client.get("/categories", headers=headers)).json()
    assert sorted((c["name"], c["kind"]) for c in categories) == sorted(
        (names["en"], kind.value) for names, kind, _ in DEFAULT_CATEGORIES
    )
    # They are the person's own: editable and deletable.
    salary = next(c for c in categories if c["name"] == "Salary")
    renamed = await client.patch(
        f"/categories/{salary['id']}", json={"name": "Wages", "colour": "#123456"}, headers=headers
    )
    assert (renamed.json()["name"], renamed.json()["colour"]) == ("Wages", "#123456")
    assert (await client.delete(f"/categories/{salary['id']}", headers=headers)).status_code == 204


async def test_names_are_unique_per_person_ignoring_case(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    other = await signed_in_user(app, client, "other@example.com")
    food = await api_create(client, user, "/categories", {"name": "Food"})
    taken = await client.post("/categories", json={"name": "food"}, headers=user.headers)
    assert taken.status_code == 409
    assert taken.json()["detail"]["code"] == "CATEGORY_NAME_TAKEN"
    await api_create(client, other, "/categories", {"name": "Food"})  # another person may
    drinks = await api_create(client, user, "/categories", {"name": "Drinks"})
    clash = await client.patch(
        f"/categories/{drinks['id']}", json={"name": "FOOD"}, headers=user.headers
    )
    assert clash.status_code == 409
    same = await client.patch(
        f"/categories/{food['id']}", json={"name": "FOOD"}, headers=user.headers
    )
    assert same.status_code == 200 and same.json()["name"] == "FOOD"


async def test_parents_cannot_form_a_loop_and_deleting_keeps_children(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    top = await api_create(client, user, "/categories", {"name": "Home"})
    middle = await api_create(
        client, user, "/categories", {"name": "Energy", "parent_id": top["id"]}
    )
    leaf = await api_create(client, user, "/categories", {"name": "Gas", "parent_id": middle["id"]})
    for category, parent in ((top, leaf), (top, top), (middle, leaf)):
        response = await client.patch(
            f"/categories/{category['id']}", json={"parent_id": parent["id"]}, headers=user.headers
        )
        assert response.status_code == 400, (category["name"], parent["name"])
        assert response.json()["detail"]["code"] == "CATEGORY_INVALID_PARENT"
    account = await create_account(client, user)
    spent = await create_transaction(client, user, account, "-800", category_id=middle["id"])

    assert (
        await client.delete(f"/categories/{middle['id']}", headers=user.headers)
    ).status_code == 204
    assert (await client.get(f"/categories/{leaf['id']}", headers=user.headers)).json()[
        "parent_id"
    ] is None
    after = (await client.get(f"/transactions/{spent['id']}", headers=user.headers)).json()
    assert after["category_id"] is None
    uncategorised = (
        await client.get("/transactions?category_id=none", headers=user.headers)
    ).json()
    assert [t["id"] for t in uncategorised["items"]] == [spent["id"]]
    top_level = await client.patch(
        f"/categories/{leaf['id']}", json={"parent_id": top["id"]}, headers=user.headers
    )
    assert top_level.json()["parent_id"] == top["id"]


async def test_bad_categories_and_tags_are_explained(app, client):
    user = await signed_in_user(app, client, "owner@example.com")
    for body, field in (
        ({"name": ""}, "name"),
        ({"name": "A", "kind": "transfer"}, "kind"),
        ({"name": "A", "colour": "red"}, "colour"),
        ({"name": "A", "parent_id": "x"}, "parent_id"),
    ):
        response = await client.post("/categories", json=body, headers=user.headers)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][-1] == field
    assert (
        await client.post("/tags", json={"name": "x" * 51}, headers=user.headers)
    ).status_code == 422
    tag = await api_create(client, user, "/tags", {"name": "Trip"})
    assert (await client.post("/tags", json={"name": "trip"}, headers=user.headers)).json()[
        "detail"
    ]["code"] == "TAG_NAME_TAKEN"
    renamed = await client.patch(f"/tags/{tag['id']}", json={"name": "Trips"}, headers=user.headers)
    assert renamed.json()["name"] == "Trips"
    assert [t["name"] for t in (await client.get("/tags", headers=user.headers)).json()] == [
        "Trips"
    ]

"""Splits: a transaction in parts that add up to it, each with its own category, tags and
note; what the list shows and what a second person can do."""

from tests.factories import api_create, create_account, create_transaction, signed_in_user


async def a_split(app, client, email="splitter@example.com"):
    user = await signed_in_user(app, client, email)
    account = await create_account(client, user)
    food = await api_create(client, user, "/categories", {"name": "Food"})
    home = await api_create(client, user, "/categories", {"name": "Home"})
    tag = await api_create(client, user, "/tags", {"name": "weekly"})
    receipt = await create_transaction(
        client, user, account, "-1000.00", description="Hypermarket", category_id=food["id"]
    )
    return user, account, food, home, tag, receipt


def splits_url(transaction: dict) -> str:
    return f"/transactions/{transaction['id']}/splits"


async def test_parts_are_stored_read_back_listed_and_removed(app, client):
    user, _account, food, home, tag, receipt = await a_split(app, client)
    parts = [
        {"amount": "-750.50", "category_id": food["id"], "tag_ids": [tag["id"]], "note": "jídlo"},
        {"amount": "-249.50", "category_id": home["id"], "note": None},
    ]
    split = await client.put(splits_url(receipt), json={"parts": parts}, headers=user.headers)
    assert split.status_code == 200, split.text
    shown = [
        {k: p[k] for k in ("amount", "category_id", "tag_ids", "note")}
        for p in split.json()["parts"]
    ]
    assert shown == [
        {"amount": "-750.50", "category_id": food["id"], "tag_ids": [tag["id"]], "note": "jídlo"},
        {"amount": "-249.50", "category_id": home["id"], "tag_ids": [], "note": None},
    ]
    assert split.json()["amount"] == "-1000.00"  # the whole stays as it was

    read = await client.get(f"/transactions/{receipt['id']}", headers=user.headers)
    assert read.json()["parts"] == split.json()["parts"]
    listed = (await client.get("/transactions", headers=user.headers)).json()["items"]
    assert [item["parts"] for item in listed] == [split.json()["parts"]]
    # A part's category finds the transaction too.
    by_home = await client.get(
        "/transactions", params={"category_id": home["id"]}, headers=user.headers
    )
    assert [item["id"] for item in by_home.json()["items"]] == [receipt["id"]]

    # Replacing keeps only the new parts, in their order.
    again = [{"amount": "-1", "category_id": home["id"]}, {"amount": "-999"}]
    replaced = await client.put(splits_url(receipt), json={"parts": again}, headers=user.headers)
    assert [p["amount"] for p in replaced.json()["parts"]] == ["-1.00", "-999.00"]

    removed = await client.put(splits_url(receipt), json={"parts": []}, headers=user.headers)
    assert removed.status_code == 200 and removed.json()["parts"] == []
    by_home = await client.get(
        "/transactions", params={"category_id": home["id"]}, headers=user.headers
    )
    assert by_home.json()["items"] == []


async def test_parts_must_add_up_to_the_whole(app, client):
    user, _account, food, _home, _tag, receipt = await a_split(app, client)
    refused = [
        [{"amount": "-600"}, {"amount": "-300"}],  # 100 left over
        [{"amount": "-1000"}],  # one part is no split
        [{"amount": "-1000"}, {"amount": "0"}],  # a part of nothing
    ]
    for parts in refused:
        answer = await client.put(splits_url(receipt), json={"parts": parts}, headers=user.headers)
        assert answer.status_code == 422, parts
        assert answer.json()["detail"]["code"] == "SPLIT_MISMATCH"
    left_over = await client.put(
        splits_url(receipt), json={"parts": refused[0]}, headers=user.headers
    )
    assert "-100.00 is left to assign" in left_over.json()["detail"]["reason"]
    # Parts may differ in sign (a refund on the same receipt) as long as they add up.
    mixed = [{"amount": "-1100", "category_id": food["id"]}, {"amount": "100"}]
    answer = await client.put(splits_url(receipt), json={"parts": mixed}, headers=user.headers)
    assert answer.status_code == 200, answer.text

    # The amount of a split transaction cannot change under its parts.
    changed = await client.patch(
        f"/transactions/{receipt['id']}", json={"amount": "-900"}, headers=user.headers
    )
    assert changed.status_code == 422 and changed.json()["detail"]["code"] == "SPLIT_MISMATCH"
    noted = await client.patch(
        f"/transactions/{receipt['id']}", json={"note": "still fine"}, headers=user.headers
    )
    assert noted.status_code == 200 and len(noted.json()["parts"]) == 2
    too_precise = await client.put(
        splits_url(receipt),
        json={"parts": [{"amount": "-999.999"}, {"amount": "-0.001"}]},
        headers=user.headers,
    )
    assert too_precise.status_code == 400


async def test_another_persons_transaction_category_or_tag_is_404(app, client):
    owner, _account, food, _home, tag, receipt = await a_split(app, client)
    other, _, other_food, _, other_tag, other_receipt = await a_split(
        app, client, "other@example.com"
    )
    parts = [{"amount": "-500"}, {"amount": "-500"}]
    answer = await client.put(splits_url(receipt), json={"parts": parts}, headers=other.headers)
    assert answer.status_code == 404
    for foreign in ({"category_id": food["id"]}, {"tag_ids": [tag["id"]]}):
        borrowed = [{"amount": "-500", **foreign}, {"amount": "-500"}]
        answer = await client.put(
            splits_url(other_receipt), json={"parts": borrowed}, headers=other.headers
        )
        assert answer.status_code == 404, foreign
    mine = [{"amount": "-500", "category_id": other_food["id"]}, {"amount": "-500"}]
    assert (
        await client.put(splits_url(other_receipt), json={"parts": mine}, headers=other.headers)
    ).status_code == 200
    owners = await client.get(f"/transactions/{receipt['id']}", headers=owner.headers)
    assert owners.json()["parts"] == []

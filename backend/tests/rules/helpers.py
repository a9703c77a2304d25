"""Rules made through the API, as the web app makes them."""

from tests.factories import TestUser, api_create


def contains(text: str, field: str = "description") -> dict:
    return {"field": field, "op": "contains", "value": text}


async def create_rule(client, user: TestUser, *conditions: dict, **fields) -> dict:
    body = {"name": "a rule", "conditions": list(conditions), **fields}
    return await api_create(client, user, "/rules", body)

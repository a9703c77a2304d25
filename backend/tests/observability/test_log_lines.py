"""The run-wide check of log lines (tests/conftest.py) sees lines, and would catch a bad one."""

import structlog

from tests.conftest import log_line_problem
from tests.factories import signed_in_user


async def test_request_lines_carry_request_route_status_duration_and_user(
    app, client, every_log_line_is_json_with_its_fields
):
    written = every_log_line_is_json_with_its_fields
    user = await signed_in_user(app, client, "lines@example.com")
    start = len(written)
    await client.get("/users/me", headers=user.headers)
    import json

    access = [json.loads(line) for line in written[start:] if '"cashbook.access"' in line]
    assert len(access) == 1
    assert access[0]["route"] == "/users/me"
    assert access[0]["user_id"] == user.id
    assert "lines@example.com" not in "".join(written[start:])
    assert all(log_line_problem(line) is None for line in written[start:])


def test_the_check_refuses_lines_without_their_fields():
    assert log_line_problem("plain text") == "not JSON"
    assert log_line_problem('{"level": "info"}').startswith("missing")
    base = '"timestamp": "t", "level": "info", "message": "m"'
    assert log_line_problem("{" + base + ', "logger": "cashbook.access"}').startswith("access")
    assert log_line_problem("{" + base + ', "logger": "x", "user_id": "jana@example.com"}')
    assert log_line_problem("{" + base + ', "logger": "x", "task": "cron.run"}')
    assert log_line_problem("{" + base + ', "logger": "x"}') is None
    structlog.contextvars.clear_contextvars()

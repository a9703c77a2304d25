"""Scrapes after real use: the API (in this process) and a real worker process, both fed by
the same flow a person starts (a registration sends an email through the worker)."""

import json
import re
from pathlib import Path

import httpx
import pytest
from prometheus_client.metrics import MetricWrapperBase

from cashbook.app import create_app
from cashbook.kit import metrics
from cashbook.worker.app import celery_app_for
from tests.factories import DEFAULT_PASSWORD
from tests.observability.conftest import SENTRY_ENVIRONMENT, SENTRY_RELEASE, WorkerProcess
from tests.observability.prometheus import (
    PROMETHEUS_SERIES,
    check_metrics,
    family_types,
    label_values,
    promql_metric_names,
    rules_expressions,
    sample_value,
    series_names,
)

REPO = Path(__file__).resolve().parents[3]
DASHBOARDS = sorted((REPO / "charts/cashbook/files/dashboards").glob("*.json"))
RULES = REPO / "charts/cashbook/files/alerts/cashbook.yaml"
# Text a task could hold after decryption; it must reach neither Sentry nor a log line.
CANARY = "canary-decrypted-Lidl-Praha-7-a91f"
EMAIL = "scrape@example.com"


def _finished(text: str) -> bool:
    return (
        sample_value(
            text, "cashbook_tasks_total", task="notifications.send_email", outcome="success"
        )
        >= 1
        and sample_value(
            text, "cashbook_tasks_total", task="notifications.send_email", outcome="failure"
        )
        >= 1
        and sample_value(text, "cashbook_tasks_total", task="cron.run", outcome="success") >= 1
    )


@pytest.fixture(scope="module")
async def exercised(worker_process: WorkerProcess) -> dict:
    """Use the API and the worker, then scrape both."""
    app = create_app(worker_process.settings)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as client:
        person = {"email": EMAIL, "password": DEFAULT_PASSWORD, "first_name": "S", "last_name": "C"}
        registered = await client.post("/auth/register", json=person)
        assert registered.status_code == 201, registered.text
        user_id = registered.json()["id"]
        assert (await client.post("/auth/register", json=person)).status_code == 400
        bad = await client.post("/auth/jwt/login", data={"username": EMAIL, "password": "wrong"})
        assert bad.status_code == 400
        login = await client.post(
            "/auth/jwt/login", data={"username": EMAIL, "password": DEFAULT_PASSWORD}
        )
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        assert (await client.get("/users/me", headers=headers)).status_code == 200
        # Not an administrator: refused, but counted under the template.
        assert (await client.get(f"/users/{user_id}", headers=headers)).status_code == 403
        assert (await client.get(f"/no/such/path/{user_id}")).status_code == 404
        celery = celery_app_for(worker_process.settings)
        celery.send_task("cron.trigger", args=("outbox-drain",), queue="default")
        # Not an outbox id: the task fails, with the canary in its arguments.
        celery.send_task("notifications.send_email", args=(CANARY,), queue="email")
        worker_text = worker_process.wait_for_metrics(_finished)
        api_text = (await client.get("/metrics")).text
    await app.state.engine.dispose()
    return {"api": api_text, "worker": worker_text, "user_id": user_id}


def test_promtool_accepts_both_scrapes(exercised):
    check_metrics(exercised["api"])
    check_metrics(exercised["worker"])


def test_every_cashbook_family_is_exported_by_the_api(exercised):
    defined = {
        metric._name: metric._type
        for metric in vars(metrics).values()
        if isinstance(metric, MetricWrapperBase)
    }
    assert {name for name in defined if name.startswith("cashbook_")} >= {
        "cashbook_bank_syncs",
        "cashbook_bank_sync_duration_seconds",
        "cashbook_bank_sync_transactions_created",
        "cashbook_bank_consents_expiring",
        "cashbook_imports",
        "cashbook_import_rows",
        "cashbook_emails",
        "cashbook_tasks",
        "cashbook_task_duration_seconds",
        "cashbook_outbox_backlog",
        "cashbook_outbox_oldest_age_seconds",
        "cashbook_decryption_failures",
        "cashbook_registrations",
        "cashbook_logins",
        "cashbook_exchange_rate_snapshot_age_seconds",
    }
    exported = family_types(exercised["api"])
    for name, kind in defined.items():
        assert exported.get(name) == kind, f"{name} ({kind}) missing from /metrics"


def test_worker_counts_tasks_emails_and_durations(exercised):
    text = exercised["worker"]
    assert sample_value(text, "cashbook_emails_total", template="verify-email", outcome="success")
    assert sample_value(text, "cashbook_task_duration_seconds_count", task="cron.trigger") >= 1
    assert sample_value(text, "cashbook_task_duration_seconds_count", task="cron.run") >= 1
    # Declared up front: a job that has not run yet shows zeros, not nothing.
    assert "cashbook_tasks_total" in series_names(text)
    families = family_types(text)
    assert families["cashbook_tasks"] == "counter"
    assert families["cashbook_task_duration_seconds"] == "histogram"


def test_api_counts_by_route_template_and_outcome(exercised):
    text = exercised["api"]
    handlers = {
        value for value in label_values(text) if value.startswith("/") or value == "unmatched"
    }
    assert {"/auth/register", "/auth/jwt/login", "/users/me", "/users/{user_id}"} <= handlers
    assert "unmatched" in handlers
    assert sample_value(
        text, "http_requests_total", method="GET", handler="/users/{user_id}", status="403"
    )
    assert sample_value(text, "cashbook_registrations_total", method="password", outcome="failure")
    assert sample_value(text, "cashbook_logins_total", method="password", outcome="failure")
    # Bounded labels: no id, email or raw path anywhere in the API's or the worker's output.
    for output in (text, exercised["worker"]):
        assert exercised["user_id"] not in output
        assert EMAIL not in output
        assert "/no/such/path" not in output


def test_every_promql_name_exists_in_a_real_scrape(exercised):
    exported = series_names(exercised["api"]) | series_names(exercised["worker"])
    used: dict[str, set[str]] = {}
    for path in DASHBOARDS:
        board = json.loads(path.read_text())
        for panel in board["panels"]:
            if panel["datasource"]["type"] != "prometheus":
                continue
            for target in panel["targets"]:
                for name in promql_metric_names(target["expr"]):
                    used.setdefault(name, set()).add(f"{path.name}: {panel['title']}")
    for alert, expr in rules_expressions(RULES).items():
        for name in promql_metric_names(expr):
            used.setdefault(name, set()).add(f"alert {alert}")
    assert used, "no PromQL found"
    ours = {name for name in used if not name.startswith("rabbitmq_")}
    unknown = {name: sorted(used[name]) for name in ours - exported - PROMETHEUS_SERIES}
    assert not unknown, f"metric names nobody exports: {unknown}"


def test_every_rabbitmq_name_exists_in_rabbitmqs_exporter(rabbitmq_exporter_text):
    names = set()
    for path in DASHBOARDS:
        for panel in json.loads(path.read_text())["panels"]:
            if panel["datasource"]["type"] == "prometheus":
                for target in panel["targets"]:
                    names |= promql_metric_names(target["expr"])
    for expr in rules_expressions(RULES).values():
        names |= promql_metric_names(expr)
    wanted = {name for name in names if name.startswith("rabbitmq_")}
    assert "rabbitmq_detailed_queue_messages" in wanted
    assert wanted <= series_names(rabbitmq_exporter_text)


def test_worker_error_reaches_sentry_without_the_canary(exercised, worker_process):
    event = worker_process.sentry.wait_for_event(
        lambda e: e.get("tags", {}).get("component") == "worker" and "exception" in e
    )
    assert event["environment"] == SENTRY_ENVIRONMENT
    assert event["release"] == SENTRY_RELEASE
    exception = event["exception"]["values"][-1]
    assert exception["type"] == "ValueError"
    assert exception["stacktrace"]["frames"], "the stack is what makes the report useful"
    assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])
    everything = worker_process.sentry.everything()
    assert CANARY not in everything
    assert EMAIL not in everything


def test_worker_log_lines_are_json_with_task_fields(exercised, worker_process):
    lines = [line for line in worker_process.lines() if line.strip()]
    assert lines
    records = []
    for line in lines:
        record = json.loads(line)  # every line, not only the ones that look like JSON
        assert {"timestamp", "level", "logger", "message"} <= record.keys(), line
        records.append(record)
    in_tasks = [r for r in records if r["logger"] == "celery.app.trace"]
    assert in_tasks, "no task finished"
    for record in in_tasks:
        assert record["task"] in ("cron.trigger", "cron.run", "notifications.send_email")
        assert re.fullmatch(r"[0-9a-f-]{36}", record["task_id"])
    assert not any(CANARY in line for line in lines)


def test_a_taken_metrics_port_leaves_the_worker_running_without_metrics():
    import socket

    from cashbook.worker.observability import serve_metrics
    from tests.conftest import free_port

    assert serve_metrics("127.0.0.1", 0) is None  # 0 turns the server off
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert serve_metrics("127.0.0.1", taken.getsockname()[1]) is None
    port = free_port()
    server = serve_metrics("127.0.0.1", port)
    try:
        assert "cashbook_tasks_total" in httpx.get(f"http://127.0.0.1:{port}/metrics").text
    finally:
        server.shutdown()
        server.server_close()

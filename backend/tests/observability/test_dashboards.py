"""The Grafana dashboards in the repository: valid, provisioned by the chart and by compose,
pointing at the data sources both provision, with LogQL on labels and fields that exist.
(Their PromQL names are checked against real scrapes in test_scrape.py.)"""

import json
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[3]
BOARDS = sorted((REPO / "charts/cashbook/files/dashboards").glob("*.json"))
# The labels Alloy gives Cashbook's lines in the cluster (tofu/modules/logging) and in the
# compose stack (deploy/alloy/config.alloy), and the fields of the app's JSON lines.
LOKI_LABELS = {"app", "component", "level"}
LOG_FIELDS = {"level", "logger", "message", "route", "status", "duration_ms", "request_id",
              "method", "user_id", "task", "task_id"}  # fmt: skip


def _boards() -> dict[str, dict]:
    return {path.name: json.loads(path.read_text()) for path in BOARDS}


def test_the_four_dashboards_exist_with_unique_ids():
    boards = _boards()
    uids = [board["uid"] for board in boards.values()]
    assert sorted(uids) == [
        "cashbook-api",
        "cashbook-business",
        "cashbook-logs",
        "cashbook-workers",
    ]
    for board in boards.values():
        ids = [panel["id"] for panel in board["panels"]]
        assert len(ids) == len(set(ids)), board["uid"]
        assert all(panel["targets"] for panel in board["panels"])


def test_data_sources_are_the_ones_compose_and_the_cluster_provision():
    provisioned = yaml.safe_load(
        (REPO / "deploy/grafana/provisioning/datasources/datasources.yaml").read_text()
    )
    compose = {source["uid"]: source["type"] for source in provisioned["datasources"]}
    cluster = (REPO / "tofu/modules/monitoring/values.yaml.tftpl").read_text()
    assert "uid: loki" in cluster
    for board in _boards().values():
        for panel in board["panels"]:
            source = panel["datasource"]
            assert compose[source["uid"]] == source["type"]
            assert all(target["datasource"] == source for target in panel["targets"])


def test_compose_mounts_the_dashboards_where_grafana_reads_them():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    mounts = compose["services"]["grafana"]["volumes"]
    assert "./charts/cashbook/files/dashboards:/var/lib/grafana/dashboards/cashbook:ro" in mounts
    alloy = (REPO / "deploy/alloy/config.alloy").read_text()
    assert 'target_label  = "app"' in alloy and 'target_label  = "component"' in alloy


def test_logs_dashboard_queries_errors_and_slow_requests_on_known_labels_and_fields():
    logs = _boards()["cashbook-logs.json"]
    queries = [t["expr"] for p in logs["panels"] if p["datasource"]["type"] == "loki"
               for t in p["targets"]]  # fmt: skip
    assert any('level=~"error' in query for query in queries)
    assert any("duration_ms > 1000" in query for query in queries)
    for query in queries:
        selector = re.search(r"\{([^}]*)\}", query).group(1)  # the first braces: the stream
        assert {m.split("=")[0].strip() for m in selector.split(",")} <= LOKI_LABELS
        assert "| json" in query
        for field in re.findall(r"\|\s*([a-z_]+)\s*(?:=~|!=|=|>|<)", query):
            assert field in LOG_FIELDS, field

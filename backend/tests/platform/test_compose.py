"""The developer stack: docker-compose.yml is valid and wired the way the cluster is."""

import json

import pytest
import yaml
from conftest import REPO, run

pytestmark = pytest.mark.platform

SERVICES = {"mariadb", "maxscale", "rabbitmq", "migrate", "api", "worker", "beat", "web",
            "mailpit", "prometheus", "grafana", "loki", "alloy"}  # fmt: skip


@pytest.fixture(scope="module")
def compose() -> dict:
    import shutil

    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.fail("docker-compose is missing: run `bash scripts/tools.sh`")
    result = run(binary, "-f", str(REPO / "docker-compose.yml"), "config")
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_every_service_is_there(compose):
    assert set(compose["services"]) == SERVICES


def test_cashbook_processes_share_one_image_and_run_read_only(compose):
    services = compose["services"]
    commands = {name: services[name]["command"] for name in ("api", "worker", "beat", "migrate")}
    assert commands == {
        "api": ["serve"],
        "worker": ["worker"],
        "beat": ["beat"],
        "migrate": ["db", "upgrade"],
    }
    for name in commands:
        service = services[name]
        assert service["image"] == "cashbook:dev"
        assert service["read_only"] is True
        assert (
            service["environment"]["MARIADB_HOST"] == "maxscale"
        )  # through MaxScale, as in the cluster
        assert service["environment"]["SMTP_HOST"] == "mailpit"
        assert service["environment"]["CASHBOOK_ENV"] == "development"
    assert services["api"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_ports_stay_on_loopback(compose):
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            host_ip = port.get("host_ip") if isinstance(port, dict) else str(port).split(":")[0]
            assert host_ip == "127.0.0.1", name


def test_config_files_exist_and_parse():
    prometheus = yaml.safe_load((REPO / "deploy/prometheus/prometheus.yml").read_text())
    targets = {
        t
        for job in prometheus["scrape_configs"]
        for c in job["static_configs"]
        for t in c["targets"]
    }
    assert {"api:8000", "worker:9100"} <= targets
    api_job = next(j for j in prometheus["scrape_configs"] if j["job_name"] == "cashbook-api")
    compose_file = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    token = compose_file["x-cashbook"]["environment"]["METRICS_TOKEN"]
    assert api_job["authorization"]["credentials"] == token
    sources = yaml.safe_load(
        (REPO / "deploy/grafana/provisioning/datasources/datasources.yaml").read_text()
    )
    assert {d["type"] for d in sources["datasources"]} == {"prometheus", "loki"}
    boards = yaml.safe_load(
        (REPO / "deploy/grafana/provisioning/dashboards/dashboards.yaml").read_text()
    )
    assert boards["providers"][0]["options"]["path"] == "/var/lib/grafana/dashboards/cashbook"
    loki = yaml.safe_load((REPO / "deploy/loki/config.yaml").read_text())
    assert loki["server"]["http_listen_port"] == 3100
    maxscale = (REPO / "deploy/maxscale/maxscale.cnf").read_text()
    assert "router=readwritesplit" in maxscale and "port=4006" in maxscale
    assert "loki:3100" in (REPO / "deploy/alloy/config.alloy").read_text()
    json.dumps(prometheus)  # plain data, no YAML-only types

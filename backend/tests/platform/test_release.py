"""The production release as it really reaches the cluster: OpenTofu installs it (the chart's
values-prod.yaml plus tofu/modules/cashbook/values.yaml.tftpl, Secrets it creates), then
deploy-prod.yml upgrades it with --reset-then-reuse-values and its own --set-string flags. The
API's environment is read from the rendered objects and loaded into the app's Settings with
production validation: every integration must arrive configured."""

import os
import re
import shlex

import pytest
from conftest import REPO, TOOLS_BIN, load_all, run, tool

pytestmark = pytest.mark.platform

CHART = REPO / "charts" / "cashbook"
MODULE = REPO / "tofu" / "modules" / "cashbook"
DIGEST = "sha256:" + "cd" * 32
SHA = "0123456789abcdef0123456789abcdef01234567"
API = ("Deployment", "cashbook-api")
SETTINGS_PREFIXES = ("CASHBOOK_", "SMTP_", "OIDC_", "SENTRY_", "UNIRATE_", "MARIADB_", "RABBITMQ_",
                     "DB_", "CRON_", "METRICS_", "MOJEID_", "BANKID_", "CSAS_")  # fmt: skip
GROUPS = ("database", "rabbitmq", "encryption", "smtp", "oauth", "sentry", "unirate", "cron",
          "metrics", "cloudflared")  # fmt: skip

# What tofu/envs/prod passes to the cashbook module (with terraform.tfvars.example's shape).
TOFU_INPUTS = {
    "image_repository": "octocat/cashbook",
    "image_tag": "main",
    "image_digest": "",
    "public_url": "https://api.example.org",
    "web_url": "https://app.example.org",
    "cookie_domain": "example.org",
    "secrets_revision": "0" * 64,
    "forwarded_allow_ips": "10.244.0.0/16",
    "database": {"host": "maxscale.mariadb.svc.cluster.local", "port": 3306, "name": "cashbook",
                 "user": "cashbook"},
    "rabbitmq": {"host": "rabbitmq.rabbitmq.svc.cluster.local", "port": 5672,
                 "username": "cashbook", "vhost": "cashbook"},
    "smtp": {"host": "smtp.example.org", "port": 587, "username": "cashbook",
             "from": "Cashbook <no-reply@example.org>", "use_tls": "true", "use_ssl": "false"},
    "oidc": {"issuer_url": "https://id.example.org/realms/home", "name": "keycloak"},
    "sentry_traces": 0.05,
    "secret": {group: f"cashbook-{group}" for group in GROUPS},
    "cloudflared_enabled": "true",
    "api_hostname": "api.example.org",
    "monitoring_enabled": "true",
    "dashboards_namespace": "monitoring",
}  # fmt: skip
# The Secrets the module creates (tofu/modules/cashbook/main.tf secret_groups), example values.
SECRETS = {
    "cashbook-database": {"MARIADB_PASSWORD": "db-password"},
    "cashbook-rabbitmq": {"RABBITMQ_PASSWORD": "mq-password"},
    "cashbook-encryption": {
        "CASHBOOK_SECRET_KEY": "k" * 64,
        "DB_ENCRYPTION_KEY": "a2V5LWZvci10ZXN0cy1vbmx5LW5vdC1hLXJlYWwtayE=",
        "DB_BLIND_INDEX_KEY": "aW5kZXgta2V5LWZvci10ZXN0cy1vbmx5LW5vdC1ybCE=",
    },
    "cashbook-smtp": {"SMTP_PASSWORD": "smtp-password"},
    "cashbook-oauth": {"OIDC_CLIENT_ID": "cashbook", "OIDC_CLIENT_SECRET": "oidc-secret"},
    "cashbook-sentry": {"SENTRY_DSN": "https://key@o1.ingest.sentry.io/1"},
    "cashbook-unirate": {"UNIRATE_API_KEY": "unirate-key"},
    "cashbook-cron": {"CRON_TOKEN": "c" * 48},
    "cashbook-metrics": {"METRICS_TOKEN": "m" * 48},
    "cashbook-cloudflared": {"TUNNEL_TOKEN": "tunnel-token"},
}


def tofu_values() -> str:
    """values.yaml.tftpl filled in as templatefile() does (it uses interpolations only)."""
    template = (MODULE / "values.yaml.tftpl").read_text()
    assert "%{" not in template

    def value(match: re.Match) -> str:
        node = TOFU_INPUTS
        for part in match.group(1).split("."):
            node = node[part]
        return str(node)

    return re.sub(r"\$\{([\w.]+)\}", value, template)


def workflow_upgrade_flags() -> list[str]:
    """The flags of deploy-prod.yml's helm upgrade, with its shell variables filled in."""
    text = (REPO / ".github/workflows/deploy-prod.yml").read_text()
    command = re.search(r"helm upgrade \"\$RELEASE\" charts/cashbook \\\n(.*?)--wait", text, re.S)
    assert command, "deploy-prod.yml has no helm upgrade of the release"
    body = command.group(1).replace("\\\n", " ")
    body = body.replace("$SHA", SHA).replace("$DIGEST", DIGEST).replace("$NAMESPACE", "cashbook")
    return shlex.split(body)


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> list[dict]:
    module_main = (MODULE / "main.tf").read_text()
    # The module installs with these two values files, in this order.
    assert 'values = [file("${local.chart_path}/values-prod.yaml"), templatefile(' in module_main
    installed = tmp_path_factory.mktemp("release") / "tofu-values.yaml"
    installed.write_text(tofu_values())
    flags = workflow_upgrade_flags()
    assert "--reset-then-reuse-values" in flags
    flags.remove("--reset-then-reuse-values")
    # --reset-then-reuse-values: the chart's defaults, then the values OpenTofu installed with,
    # then the workflow's own flags.
    result = run(
        tool(TOOLS_BIN / "helm"), "template", "cashbook", str(CHART),
        "-f", str(CHART / "values-prod.yaml"), "-f", str(installed), *flags,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return load_all(result.stdout)


def api_environment(documents: list[dict]) -> dict[str, str]:
    """The API container's environment as the kubelet builds it."""
    (deployment,) = [d for d in documents if (d["kind"], d["metadata"]["name"]) == API]
    configmaps = {d["metadata"]["name"]: d["data"] for d in documents if d["kind"] == "ConfigMap"}
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            env.update(configmaps[source["configMapRef"]["name"]])
        else:
            env.update(SECRETS[source["secretRef"]["name"]])
    for item in container.get("env", []):
        if "value" in item:
            env[item["name"]] = item["value"]
        elif "secretKeyRef" in item.get("valueFrom", {}):
            ref = item["valueFrom"]["secretKeyRef"]
            env[item["name"]] = SECRETS[ref["name"]][ref["key"]]
    return env


def test_the_deployed_release_runs_the_pushed_image_pinned(release):
    (api,) = [d for d in release if (d["kind"], d["metadata"]["name"]) == API]
    (container,) = api["spec"]["template"]["spec"]["containers"]
    assert container["image"] == f"octocat/cashbook@{DIGEST}"
    names = {d["metadata"]["name"] for d in release if d["kind"] == "Deployment"}
    assert "cashbook-cloudflared" in names


def test_the_deployed_release_loads_with_production_validation(release, monkeypatch):
    from cashbook.config import Settings

    env = api_environment(release)
    for name in list(os.environ):
        if name.startswith(SETTINGS_PREFIXES):  # only what the release gives counts
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = Settings()

    assert settings.is_production
    assert settings.public_url == "https://api.example.org"
    assert settings.browser_origins == ["https://app.example.org"]
    assert settings.cookie_domain == "example.org"
    assert settings.forwarded_allow_ips == "10.244.0.0/16"
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_use_tls) == (
        "smtp.example.org", 587, True)  # fmt: skip
    assert settings.smtp_password.get_secret_value() == "smtp-password"
    assert settings.oidc_issuer_url == "https://id.example.org/realms/home"
    assert settings.oidc_client_secret.get_secret_value() == "oidc-secret"
    assert settings.unirate_api_key.get_secret_value() == "unirate-key"
    assert settings.sentry_dsn.get_secret_value() == "https://key@o1.ingest.sentry.io/1"
    assert settings.sentry_environment == "production"
    assert settings.broker_url.startswith("amqp://cashbook:")
    assert "maxscale.mariadb.svc.cluster.local" in settings.sqlalchemy_url

"""The Helm chart: lint, render, schema-validate, policy-check and pin down what it must contain."""

import base64
import json
import re
import shutil
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from conftest import REPO, TOOLS_BIN, TOOLS_VENV_BIN, load_all, run, tool

pytestmark = pytest.mark.platform

CHART = REPO / "charts" / "cashbook"
DIGEST = "sha256:" + "ab" * 32
# What deploy-pr.yml passes on top of the values file.
PREVIEW = (
    "-n", "pr-7", "-f", str(CHART / "values-preview.yaml"),
    "--set-string", "image.tag=pr-7",
    "--set-string", "database.name=cashbook_pr_7",
    "--set-string", "database.user=cashbook_pr_7",
    "--set-string", "rabbitmq.vhost=cashbook-pr-7",
    "--set-string", "cloudflared.hostname=pr-7.example.org",
)  # fmt: skip
# Production as OpenTofu configures it once the tunnel exists (the exact release OpenTofu and
# deploy-prod.yml produce is tests/platform/test_release.py's subject).
PROD = (
    "-n", "cashbook", "-f", str(CHART / "values-prod.yaml"),
    "--set-string", f"image.digest={DIGEST}",
    "--set", "cloudflared.enabled=true",
    "--set-string", "cloudflared.hostname=api.example.org",
)  # fmt: skip
FLAVOURS = {"default": ("-n", "cashbook"), "preview": PREVIEW, "prod": PROD}


def helm(*args: str):
    return run(tool(TOOLS_BIN / "helm"), *args)


@lru_cache
def rendered(flavour: str, chart: str = str(CHART), extra: tuple = ()) -> str:
    release = "cashbook" if flavour != "default" else "demo"
    result = helm("template", release, chart, *FLAVOURS[flavour], *extra)
    assert result.returncode == 0, result.stderr
    return result.stdout


def docs(flavour: str, **kwargs) -> list[dict]:
    return load_all(rendered(flavour, **kwargs))


def by_kind(documents: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in documents if d["kind"] == kind}


def pod_specs(documents: list[dict]):
    for d in documents:
        if d["kind"] in ("Deployment", "Job"):
            yield d, d["spec"]["template"]["spec"]
        elif d["kind"] == "CronJob":
            yield d, d["spec"]["jobTemplate"]["spec"]["template"]["spec"]


# --- lint, render, schemas -------------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_helm_lint_strict(flavour):
    result = helm("lint", "--strict", str(CHART), *FLAVOURS[flavour])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 chart(s) failed" in result.stdout


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_every_rendered_object_passes_kubernetes_1_33_schemas(flavour, tmp_path):
    manifest = tmp_path / f"{flavour}.yaml"
    manifest.write_text(rendered(flavour))
    validate = tool(TOOLS_VENV_BIN / "kubernetes-validate")
    result = run(validate, "--strict", "-k", "1.33.0", str(manifest))
    assert result.returncode == 0, result.stdout + result.stderr
    built_in = [d for d in docs(flavour) if "." not in d["apiVersion"].split("/")[0]
                or d["apiVersion"].split("/")[0].endswith("k8s.io")]  # fmt: skip
    passed = re.findall(r"passed for resource", result.stdout + result.stderr)
    # Every built-in kind was really checked (custom resources only warn).
    assert len(passed) == len(built_in) > 0


def test_default_render_has_every_workload_and_its_companions():
    documents = docs("default")
    kinds = {(d["kind"], d["metadata"]["name"]) for d in documents}
    for expected in [
        ("Deployment", "demo-cashbook-api"),
        ("Deployment", "demo-cashbook-worker"),
        ("CronJob", "demo-cashbook-cron-bank-sync"),
        ("Job", "demo-cashbook-migrations"),
        ("Service", "demo-cashbook-api"),
        ("PodDisruptionBudget", "demo-cashbook-api"),
        ("PodDisruptionBudget", "demo-cashbook-worker"),
        ("HorizontalPodAutoscaler", "demo-cashbook-api"),
        ("HorizontalPodAutoscaler", "demo-cashbook-worker"),
        ("ConfigMap", "demo-cashbook"),
    ]:
        assert expected in kinds
    # Beat is off by default; cloudflared and the Ingress are opt-in.
    assert ("Deployment", "demo-cashbook-beat") not in kinds
    assert not by_kind(documents, "Ingress")


def test_schema_rejects_unknown_keys_and_bad_values():
    for bad in ("api.replicas=3", "config.env=staging", "cronjob.jobs.bank-synk.schedule=x"):
        result = helm("template", "x", str(CHART), "--set", bad)
        assert result.returncode != 0, bad
        assert "schema" in result.stderr


# --- hardening --------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_every_pod_is_hardened(flavour):
    specs = list(pod_specs(docs(flavour)))
    assert len(specs) >= 5
    for owner, spec in specs:
        name = owner["metadata"]["name"]
        assert spec["automountServiceAccountToken"] is False, name
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        for container in spec["containers"]:
            sc = container["securityContext"]
            assert sc["readOnlyRootFilesystem"] is True, name
            assert sc["allowPrivilegeEscalation"] is False, name
            assert sc["capabilities"]["drop"] == ["ALL"], name
            assert sc["runAsUser"] >= 10000, name
            assert container["resources"]["limits"]["memory"], name
            assert container["image"].startswith(("cashbook/", "cloudflare/")), name


def test_cashbook_containers_get_a_writable_tmp_and_data_dir():
    config = by_kind(docs("default"), "ConfigMap")["demo-cashbook"]["data"]
    for owner, spec in pod_specs(docs("default")):
        if owner["kind"] == "CronJob":
            continue
        mounts = {m["mountPath"] for m in spec["containers"][0]["volumeMounts"]}
        assert {"/tmp", config["CASHBOOK_DATA_DIR"]} <= mounts, owner["metadata"]["name"]  # noqa: S108
        volumes = {v["name"]: v for v in spec["volumes"]}
        assert "emptyDir" in volumes["tmp"] and "emptyDir" in volumes["data"]


def test_api_probes_and_spread():
    api = by_kind(docs("default"), "Deployment")["demo-cashbook-api"]
    spec = api["spec"]["template"]["spec"]
    container = spec["containers"][0]
    assert container["args"] == ["serve"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    keys = {c["topologyKey"] for c in spec["topologySpreadConstraints"]}
    assert keys == {"kubernetes.io/hostname", "topology.kubernetes.io/zone"}
    # The HPA owns the replica count.
    assert "replicas" not in api["spec"]


# --- configuration and secrets ----------------------------------------------------------------


def test_config_map_carries_the_contract_variables():
    data = by_kind(docs("prod"), "ConfigMap")["cashbook"]["data"]
    assert data["CASHBOOK_HOST"] == "0.0.0.0"  # noqa: S104 (inside the pod)
    assert data["CASHBOOK_ENV"] == "production"
    assert data["MARIADB_HOST"] == "maxscale.mariadb.svc.cluster.local"  # tofu/modules/mariadb
    assert data["RABBITMQ_VHOST"] == "cashbook"
    # Nothing secret ever lands in the ConfigMap.
    assert not {"MARIADB_PASSWORD", "CRON_TOKEN", "DB_ENCRYPTION_KEY"} & data.keys()


def test_secret_groups_from_values_use_the_variable_names_as_keys():
    extra = ("--set-string", "database.password=p4ss", "--set-string", "oauth.csas.clientId=cid",
             "--set-string", "cron.token=t0k")  # fmt: skip
    documents = docs("default", extra=extra)
    all_secrets = by_kind(documents, "Secret")
    secrets = {n: s for n, s in all_secrets.items() if "-migrations-" not in n}
    assert set(secrets) == {"demo-cashbook-database", "demo-cashbook-oauth", "demo-cashbook-cron"}
    decoded = {
        k: base64.b64decode(v).decode() for k, v in secrets["demo-cashbook-oauth"]["data"].items()
    }
    assert decoded == {"CSAS_CLIENT_ID": "cid"}
    assert (
        base64.b64decode(secrets["demo-cashbook-database"]["data"]["MARIADB_PASSWORD"]) == b"p4ss"
    )
    for name, secret in secrets.items():
        # Release objects (rollback restores them, uninstall removes them), not hooks...
        assert "helm.sh/hook" not in secret["metadata"].get("annotations", {})
        # ...and the migrations Job reads a hook copy made just before it.
        copy = all_secrets[name.replace("demo-cashbook-", "demo-cashbook-migrations-")]
        assert copy["data"] == secret["data"]
        assert copy["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    env_from = by_kind(documents, "Deployment")["demo-cashbook-api"]["spec"]["template"]["spec"][
        "containers"][0]["envFrom"]  # fmt: skip
    assert {e["secretRef"]["name"] for e in env_from if "secretRef" in e} == set(secrets)


def test_existing_secrets_replace_the_charts_own():
    documents = docs("prod")
    assert not by_kind(documents, "Secret")
    env_from = by_kind(documents, "Deployment")["cashbook-api"]["spec"]["template"]["spec"][
        "containers"][0]["envFrom"]  # fmt: skip
    names = {e["secretRef"]["name"] for e in env_from if "secretRef" in e}
    groups = [
        "database",
        "rabbitmq",
        "encryption",
        "smtp",
        "oauth",
        "sentry",
        "unirate",
        "cron",
        "metrics",
    ]
    assert names == {f"cashbook-{g}" for g in groups}
    # Preview groups share one Secret, referenced once.
    preview = by_kind(docs("preview"), "Deployment")["cashbook-api"]
    preview_env = preview["spec"]["template"]["spec"]["containers"][0]["envFrom"]
    assert [e["secretRef"]["name"] for e in preview_env if "secretRef" in e] == ["cashbook-preview"]


# --- scheduled jobs and migrations ------------------------------------------------------------


@pytest.mark.parametrize("flavour", ["default", "preview", "prod"])
def test_every_job_the_app_registers_has_a_cronjob(flavour):
    """Beat is off in the cluster: a job without a CronJob never runs (mail written during a
    broker outage would wait in the outbox for ever)."""
    from cashbook.cron.service import CRON_JOBS

    release = "cashbook" if flavour != "default" else "demo"
    prefix = f"{release}-cashbook-cron-" if flavour == "default" else "cashbook-cron-"
    cronjobs = by_kind(docs(flavour), "CronJob")
    assert {name.removeprefix(prefix) for name in cronjobs} == set(CRON_JOBS)
    for cron in cronjobs.values():
        assert cron["spec"].get("suspend") is not True


def test_cronjob_calls_the_internal_endpoint_with_the_token_file():
    cron = by_kind(docs("prod"), "CronJob")["cashbook-cron-bank-sync"]
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"
    spec = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    container = spec["containers"][0]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["CRON_URL"] == "http://cashbook-api.cashbook.svc:8000/internal/cron/bank-sync"
    token_volume = next(v for v in spec["volumes"] if v["name"] == "cron-token")
    assert token_volume["secret"]["secretName"] == "cashbook-cron"
    assert token_volume["secret"]["items"] == [{"key": "CRON_TOKEN", "path": "CRON_TOKEN"}]
    # The pod gets no other secret.
    assert "envFrom" not in container


def test_cron_script_posts_with_the_bearer_token(tmp_path):
    """Run the CronJob's own Python against a local HTTP server."""
    import http.server
    import os
    import subprocess
    import sys
    import threading

    seen = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server API)
            seen["path"], seen["auth"] = self.path, self.headers["Authorization"]
            self.send_response(202 if self.path.endswith("bank-sync") else 500)
            self.end_headers()
            self.wfile.write(b'{"queued": true}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        container = by_kind(docs("default"), "CronJob")["demo-cashbook-cron-bank-sync"]["spec"][
            "jobTemplate"]["spec"]["template"]["spec"]["containers"][0]  # fmt: skip
        token = tmp_path / "CRON_TOKEN"
        token.write_text("s3cret\n")
        base = f"http://127.0.0.1:{server.server_port}/internal/cron/"
        env = {**os.environ, "CRON_TOKEN_FILE": str(token), "CRON_TIMEOUT": "5"}
        script = container["command"][2]
        ok = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script], env={**env, "CRON_URL": base + "bank-sync"},
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert ok.returncode == 0, ok.stderr
        assert seen == {"path": "/internal/cron/bank-sync", "auth": "Bearer s3cret"}
        failed = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script], env={**env, "CRON_URL": base + "broken"},
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert failed.returncode != 0  # an HTTP error fails the run, so Kubernetes retries it
    finally:
        server.shutdown()


def test_migrations_job_is_a_hook_after_its_config():
    documents = docs("default")
    job = by_kind(documents, "Job")["demo-cashbook-migrations"]
    annotations = job["metadata"]["annotations"]
    assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
    configmaps = by_kind(documents, "ConfigMap")
    config = configmaps["demo-cashbook-migrations"]["metadata"]["annotations"]
    assert int(config["helm.sh/hook-weight"]) < int(annotations["helm.sh/hook-weight"])
    assert config["helm.sh/hook-delete-policy"] == "before-hook-creation,hook-succeeded"
    container = job["spec"]["template"]["spec"]["containers"][0]
    assert container["args"] == ["db", "upgrade"]
    assert container["envFrom"][0] == {"configMapRef": {"name": "demo-cashbook-migrations"}}
    # The ConfigMap the pods read is an ordinary release object with the same settings.
    assert "annotations" not in configmaps["demo-cashbook"]["metadata"]
    assert configmaps["demo-cashbook"]["data"] == configmaps["demo-cashbook-migrations"]["data"]


def test_worker_liveness_asks_the_celery_consumer_not_the_metrics_thread():
    worker = by_kind(docs("prod"), "Deployment")["cashbook-worker"]
    (container,) = worker["spec"]["template"]["spec"]["containers"]
    command = container["livenessProbe"]["exec"]["command"]
    assert command[:2] == ["cashbook", "worker-alive"]
    # The CLI command exists (tests/worker/test_liveness.py runs it against a real worker).
    from cashbook.cli import app

    assert "worker-alive" in {c.name for c in app.registered_commands}


def test_a_changed_existing_secret_restarts_the_pods():
    """The chart cannot read an existingSecret; its owner (OpenTofu) passes a digest of it."""

    def pod_annotations(revision: str) -> dict[str, dict]:
        extra = ("--set-string", f"config.secretsRevision={revision}")
        return {
            d["metadata"]["name"]: d["spec"]["template"]["metadata"]["annotations"]
            for d in by_kind(docs("prod", extra=extra), "Deployment").values()
            if d["metadata"]["name"] != "cashbook-cloudflared"
        }

    before, after = pod_annotations("one"), pod_annotations("two")
    assert set(before) >= {"cashbook-api", "cashbook-worker"}
    for name in before:
        assert before[name]["checksum/existing-secrets"] == "one", name
        assert after[name]["checksum/existing-secrets"] == "two", name
    template = (REPO / "tofu/modules/cashbook/values.yaml.tftpl").read_text()
    assert 'secretsRevision: "${secrets_revision}"' in template
    module = (REPO / "tofu/modules/cashbook/main.tf").read_text()
    assert "secrets_revision     = sha256(jsonencode(local.secret_groups))" in module


# --- previews ---------------------------------------------------------------------------------


def test_preview_declares_its_own_database_user_and_grant():
    documents = docs("preview")
    kinds = {d["kind"]: d for d in documents if d["apiVersion"] == "k8s.mariadb.com/v1alpha1"}
    assert set(kinds) == {"Database", "User", "Grant"}
    for d in kinds.values():
        assert d["metadata"]["namespace"] == "pr-7"
        assert d["spec"]["mariaDbRef"] == {
            "name": "mariadb",
            "namespace": "mariadb",
            "waitForIt": True,
        }
        assert d["metadata"]["annotations"]["helm.sh/hook"] == "pre-install"
        assert d["spec"]["cleanupPolicy"] == "Delete"
    assert kinds["Database"]["spec"]["name"] == "cashbook_pr_7"
    assert kinds["User"]["spec"]["name"] == "cashbook_pr_7"
    assert kinds["User"]["spec"]["passwordSecretKeyRef"] == {
        "name": "cashbook-preview",
        "key": "MARIADB_PASSWORD",
    }
    assert kinds["Grant"]["spec"]["database"] == "cashbook_pr_7"
    assert kinds["Grant"]["spec"]["username"] == "cashbook_pr_7"
    config = by_kind(documents, "ConfigMap")["cashbook"]["data"]
    assert config["MARIADB_DB"] == "cashbook_pr_7"
    broker = {d["kind"]: d for d in documents if d["apiVersion"] == "rabbitmq.com/v1beta1"}
    assert set(broker) == {"Vhost", "User", "Permission"}
    assert broker["Vhost"]["spec"]["name"] == config["RABBITMQ_VHOST"] == "cashbook-pr-7"


def test_preview_is_small():
    documents = docs("preview")
    assert not by_kind(documents, "HorizontalPodAutoscaler")
    for name in ("cashbook-api", "cashbook-worker"):
        deployment = by_kind(documents, "Deployment")[name]
        assert deployment["spec"]["replicas"] == 1
        requests = deployment["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"]
        assert requests["cpu"] == "20m"


# --- cloudflared: the public host reaches the API, never /metrics ------------------------------


def tunnel_route(ingress: list[dict], host: str, path: str) -> str:
    """cloudflared's matching: the first rule whose hostname and path regex match."""
    for rule in ingress:
        if rule.get("hostname", host) == host and re.search(rule.get("path", ""), path):
            return rule["service"]
    raise AssertionError("no catch-all rule")


@pytest.mark.parametrize("flavour", ["preview", "prod"])
def test_tunnel_routes_the_public_host_to_the_api_but_not_metrics(flavour):
    documents = docs(flavour)
    config = yaml.safe_load(
        by_kind(documents, "ConfigMap")["cashbook-cloudflared"]["data"]["config.yaml"]
    )
    host = "pr-7.example.org" if flavour == "preview" else "api.example.org"
    namespace = "pr-7" if flavour == "preview" else "cashbook"
    api = f"http://cashbook-api.{namespace}.svc:8000"
    assert tunnel_route(config["ingress"], host, "/transactions") == api
    assert tunnel_route(config["ingress"], host, "/docs") == api
    for hidden in ("/metrics", "/metrics?x=1", "/internal/cron/bank-sync"):
        assert tunnel_route(config["ingress"], host, hidden) == "http_status:404"
    assert tunnel_route(config["ingress"], "other.example.org", "/") == "http_status:404"
    deployment = by_kind(documents, "Deployment")["cashbook-cloudflared"]
    args = deployment["spec"]["template"]["spec"]["containers"][0]["args"]
    assert args[-2:] == ["--token-file", "/etc/cloudflared-token/TUNNEL_TOKEN"]


def test_network_policy_lets_only_the_tunnel_cron_and_monitoring_reach_the_api():
    policies = by_kind(docs("prod"), "NetworkPolicy")
    assert policies["cashbook-default-deny"]["spec"]["policyTypes"] == ["Ingress", "Egress"]
    sources = policies["cashbook-api"]["spec"]["ingress"][0]["from"]
    components = {
        s["podSelector"]["matchLabels"]["app.kubernetes.io/component"]
        for s in sources
        if "podSelector" in s
    }
    assert components == {"cloudflared", "cron"}
    cron_egress = policies["cashbook-cron"]["spec"]["egress"]
    assert any(
        rule.get("to") and rule["ports"] == [{"port": 8000, "protocol": "TCP"}]
        for rule in cron_egress
    )


# --- monitoring -------------------------------------------------------------------------------


def test_monitoring_reads_the_alert_and_dashboard_files(tmp_path):
    chart = tmp_path / "cashbook"
    shutil.copytree(CHART, chart)
    (chart / "files" / "alerts").mkdir(parents=True, exist_ok=True)
    (chart / "files" / "dashboards").mkdir(parents=True, exist_ok=True)
    (chart / "files" / "alerts" / "sample.yaml").write_text(
        "groups:\n  - name: sample\n    rules:\n      - alert: SampleDown\n        expr: up == 0\n"
    )
    (chart / "files" / "dashboards" / "sample_board.json").write_text('{"title": "Sample"}')
    documents = docs("prod", chart=str(chart))
    rule = next(d for d in documents if d["kind"] == "PrometheusRule")
    groups = {group["name"]: group for group in rule["spec"]["groups"]}
    assert groups["sample"]["rules"][0]["alert"] == "SampleDown"
    board = by_kind(documents, "ConfigMap")["cashbook-dashboard-sample-board"]
    assert board["metadata"]["labels"]["grafana_dashboard"] == "1"
    assert board["metadata"]["namespace"] == "monitoring"
    assert json.loads(board["data"]["sample_board.json"]) == {"title": "Sample"}
    monitors = by_kind(documents, "ServiceMonitor")
    auth = monitors["cashbook-api"]["spec"]["endpoints"][0]["authorization"]
    assert auth["credentials"] == {"name": "cashbook-metrics", "key": "METRICS_TOKEN"}


# --- checkov ----------------------------------------------------------------------------------


def checkov_summary(*args: str) -> dict:
    result = run(
        tool(TOOLS_VENV_BIN / "checkov"), *args, "--skip-download", "--output", "json", timeout=600
    )
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    reports = report if isinstance(report, list) else [report]
    summary = {"passed": 0, "failed": 0, "skipped": 0, "parsing_errors": 0}
    for r in reports:
        for key in summary:
            summary[key] += r["summary"][key]
    failed = [
        (c["check_id"], c["resource"]) for r in reports for c in r["results"]["failed_checks"]
    ]
    return {**summary, "failed_checks": failed}


def test_checkov_over_the_chart_passes():
    tool(TOOLS_BIN / "helm")  # without helm on PATH checkov silently scans nothing
    summary = checkov_summary("-d", str(CHART), "--framework", "helm")
    print("checkov helm:", {k: v for k, v in summary.items() if k != "failed_checks"})
    assert summary["passed"] > 100  # the checks really ran
    assert summary["failed"] == 0, summary["failed_checks"]
    assert summary["parsing_errors"] == 0


def test_checkov_over_the_rendered_preview_and_production_passes(tmp_path):
    for flavour in ("preview", "prod"):
        (tmp_path / f"{flavour}.yaml").write_text(rendered(flavour))
    summary = checkov_summary("-d", str(tmp_path), "--framework", "kubernetes")
    print("checkov kubernetes:", {k: v for k, v in summary.items() if k != "failed_checks"})
    assert summary["passed"] > 100
    assert summary["failed"] == 0, summary["failed_checks"]


# --- documentation ----------------------------------------------------------------------------


def schema_leaves(schema: dict, path: str = ""):
    props = schema.get("properties")
    if props and schema.get("additionalProperties") is False:
        for key, sub in props.items():
            yield from schema_leaves(sub, f"{path}.{key}" if path else key)
    else:
        yield path, schema


def values_leaves(values: dict, path: str = ""):
    for key, value in values.items():
        full = f"{path}.{key}" if path else key
        schema = leaves_by_path.get(full)
        if isinstance(value, dict) and schema is None:
            yield from values_leaves(value, full)
        else:
            yield full


leaves_by_path = dict(schema_leaves(json.loads((CHART / "values.schema.json").read_text())))


def test_every_value_is_in_the_schema_documented_and_in_the_readme():
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    from_values = set(values_leaves(values))
    assert from_values == set(leaves_by_path)
    readme = (CHART / "README.md").read_text()
    source = (CHART / "values.yaml").read_text()
    for path, schema in leaves_by_path.items():
        assert schema.get("description"), f"{path} has no '# --' comment"
        assert f"| `{path}` |" in readme, f"{path} is missing from README.md"
        key = path.split(".")[-1]
        assert re.search(rf"# -- .*(\n\s*# .*)*\n\s*{re.escape(key)}:", source), path


def test_readme_names_every_secret_key_the_templates_know():
    helpers = (CHART / "templates" / "_helpers.tpl").read_text()
    block = helpers.split('define "cashbook.secretKeys"')[1].split("{{- end }}")[0]
    keys = re.findall(r"^\s+([A-Z_]+):", block, re.M)
    # The backend contract's secret variables, every one in exactly one group.
    contract = """CASHBOOK_SECRET_KEY DATABASE_URL MARIADB_PASSWORD RABBITMQ_PASSWORD
    DB_ENCRYPTION_KEY DB_ENCRYPTION_RETIRED_KEYS DB_BLIND_INDEX_KEY SMTP_PASSWORD SENTRY_DSN
    UNIRATE_API_KEY
    MOJEID_CLIENT_ID MOJEID_CLIENT_SECRET BANKID_CLIENT_ID BANKID_CLIENT_SECRET OIDC_CLIENT_ID
    OIDC_CLIENT_SECRET CSAS_API_KEY CSAS_CLIENT_ID CSAS_CLIENT_SECRET CRON_TOKEN METRICS_TOKEN"""
    assert sorted(keys) == sorted(contract.split())
    readme = (CHART / "README.md").read_text()
    for key in keys:
        assert f"`{key}`" in readme, key


def test_chart_files_are_plain_text_without_machine_paths():
    # The folders this checkout and its user live in, whatever machine runs the test.
    machine_paths = {f"{Path(CHART).resolve().parents[2]}/", f"{Path.home()}/"}
    for path in Path(CHART).rglob("*"):
        if path.is_file():
            text = path.read_text()
            assert not any(p in text for p in machine_paths), path

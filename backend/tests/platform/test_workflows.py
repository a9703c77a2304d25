"""The GitHub workflows: actionlint, shellcheck over every script, and the project's own rules."""

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from conftest import REPO, TOOLS_BIN, run, tool

pytestmark = pytest.mark.platform

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
DEPLOY_LABELS = ["self-hosted", "linux", "x64"]


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads a bare `on` as true
    return data


def all_steps():
    for path in WORKFLOWS:
        for job_name, job in load(path)["jobs"].items():
            for step in job.get("steps", []):
                yield path.name, job_name, step


def test_the_three_workflows_exist():
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "deploy-pr.yml", "deploy-prod.yml"}


def test_actionlint_passes():
    result = run(tool(TOOLS_BIN / "actionlint"), ".github/workflows/*.yml")
    output = result.stdout + result.stderr
    assert f"Checking {len(WORKFLOWS)} workflow file(s)" in output  # it really read them
    assert result.returncode == 0, output


def test_shellcheck_passes_on_every_run_script(tmp_path):
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.fail("shellcheck is missing: run `bash scripts/tools.sh`")
    scripts = []
    for workflow, job, step in all_steps():
        if "run" in step:
            # Expressions are substituted before the shell sees the script; stand in a word.
            body = re.sub(r"\$\{\{.*?\}\}", "GHA_EXPR", step["run"])
            script = tmp_path / f"{workflow}-{job}-{len(scripts)}.sh"
            script.write_text("#!/usr/bin/env bash\nset -eo pipefail\n" + body)
            scripts.append(script)
    assert len(scripts) > 10
    result = run(shellcheck, "--severity=style", *map(str, scripts))
    assert result.returncode == 0, result.stdout


def test_permissions_are_empty_at_the_top_and_widened_per_job():
    for path in WORKFLOWS:
        workflow = load(path)
        assert workflow["permissions"] == {}, path.name
        assert "concurrency" in workflow, path.name
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}:{name}"
            assert isinstance(job["timeout-minutes"], int), f"{path.name}:{name}"
            assert "write-all" not in str(job["permissions"])


def test_every_action_is_pinned_by_commit_with_a_version_comment():
    uses = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$")
    count = 0
    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            match = uses.match(line)
            if match:
                count += 1
                action, rest = match.groups()
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), line
                assert re.fullmatch(r"\s+# v\d+(\.\d+)*", rest), line
    assert count > 20


def test_deploy_jobs_run_on_the_self_hosted_runner():
    for path in WORKFLOWS:
        for name, job in load(path)["jobs"].items():
            uses_cluster = "KUBE_CONFIG" in json.dumps(job)
            if uses_cluster:
                assert job["runs-on"] == DEPLOY_LABELS, f"{path.name}:{name}"


def test_secrets_and_variables_keep_the_seed_names():
    text = "\n".join(p.read_text() for p in WORKFLOWS)
    used_secrets = set(re.findall(r"secrets\.([A-Z_]+)", text))
    used_vars = set(re.findall(r"vars\.([A-Z_]+)", text))
    seed = "KUBE_CONFIG DOCKER_USER DOCKER_PASSWORD CLOUDFLARE_ACCOUNT_ID CLOUDFLARE_API_TOKEN"
    # The production Secrets (the database password among them) belong to OpenTofu.
    assert used_secrets == set(seed.split())
    assert used_vars == {"PROD_DOMAIN", "DEV_FRONTEND_BASE_DOMAIN"}


def test_ci_runs_make_test_against_mariadb_and_rabbitmq():
    job = load(REPO / ".github/workflows/ci.yml")["jobs"]["test"]
    assert {"mariadb", "rabbitmq"} <= set(job["services"])
    assert job["services"]["mariadb"]["env"]["MARIADB_DATABASE"] == "test"
    assert "127.0.0.1:3306:3306" in job["services"]["mariadb"]["ports"]
    assert job["env"]["CI"] == "true"
    assert any(step.get("run") == "make test" for step in job["steps"])


def makefile_targets() -> set[str]:
    text = (REPO / "Makefile").read_text()
    return set(re.findall(r"^([a-z][\w-]*):", text, flags=re.MULTILINE))


def test_every_npm_script_make_target_and_script_a_workflow_calls_exists():
    """A step calling a missing `npm run x` fails every run of its job (and with it the
    deploys that wait for CI), so each one is looked up where the step runs it."""
    targets = makefile_targets()
    checked = 0
    for path in WORKFLOWS:
        for name, job in load(path)["jobs"].items():
            job_dir = job.get("defaults", {}).get("run", {}).get("working-directory", ".")
            for step in job.get("steps", []):
                body = step.get("run", "")
                where = REPO / step.get("working-directory", job_dir)
                for line in body.splitlines():
                    if line.strip().startswith("cd "):
                        where = where / line.strip()[3:].strip()
                    for script in re.findall(r"\bnpm (?:run(?:-script)? |)([\w:.-]+)", line):
                        if script in {"ci", "install", "exec"}:
                            continue
                        package = json.loads((where / "package.json").read_text())
                        # `npm test` runs the "test" script; `npm run x` runs "x"
                        assert script in package["scripts"], f"{path.name}:{name}: npm {script}"
                        checked += 1
                    for target in re.findall(r"\bmake ([a-z][\w-]*)", line):
                        assert target in targets, f"{path.name}:{name}: make {target}"
                        checked += 1
                    for script in re.findall(r"\b(?:bash|python3?) ((?:scripts|deploy)/\S+)", line):
                        assert (REPO / script).is_file(), f"{path.name}:{name}: {script}"
                        checked += 1
    assert checked >= 8


def test_ci_test_job_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text()
    assert "make test" in readme
    assert "test" in makefile_targets()
    steps = load(REPO / ".github/workflows/ci.yml")["jobs"]["test"]["steps"]
    assert [step["run"] for step in steps if "run" in step] == ["make test"]


def helm_sets(workflow: str) -> dict[str, str]:
    text = (REPO / ".github/workflows" / workflow).read_text()
    return dict(re.findall(r'--set-string "?([\w.\[\]0-9]+)=([^"\s]*)', text))


def test_production_workflow_only_moves_the_image_of_the_release_opentofu_owns():
    assert set(helm_sets("deploy-prod.yml")) == {"image.tag", "image.digest"}
    text = (REPO / ".github/workflows/deploy-prod.yml").read_text()
    assert "--reset-then-reuse-values" in text
    assert "--values" not in text and "--install" not in text
    # The image name the workflow pushes is the one OpenTofu installed (checked at deploy time).
    assert text.count("IMAGE_REPOSITORY: ${{ secrets.DOCKER_USER }}/cashbook") == 1
    assert "tags: |\n            ${{ secrets.DOCKER_USER }}/cashbook:sha-" in text
    assert '"$installed" != "$IMAGE_REPOSITORY"' in text


@pytest.mark.parametrize("workflow", ["deploy-pr.yml", "deploy-prod.yml"])
def test_values_set_by_the_workflows_exist_in_the_chart(workflow):
    values = yaml.safe_load((REPO / "charts/cashbook/values.yaml").read_text())
    sets = helm_sets(workflow)
    for key in sets:
        node = values
        for part in re.sub(r"\[\d+\]", "", key).split("."):
            assert isinstance(node, dict) and part in node, f"{workflow}: {key}"
            node = node[part]


def test_preview_lifecycle():
    workflow = load(REPO / ".github/workflows/deploy-pr.yml")
    assert set(workflow["on"]["pull_request"]["types"]) >= {"opened", "synchronize", "closed"}
    text = (REPO / ".github/workflows/deploy-pr.yml").read_text()
    assert "NAMESPACE: pr-${{ github.event.pull_request.number }}" in text
    assert "charts/cashbook/values-preview.yaml" in text
    assert 'image.tag="pr-$PR_NUMBER"' in text
    # The app calls its API through the Pages Function at /api (same origin, first-party cookies).
    assert "VITE_BACKEND_URL: /api" in text
    assert 'config.publicUrl="$WEB_URL/api"' in text
    assert (REPO / "frontend/functions/api/[[path]].js").is_file()
    cleanup = json.dumps(workflow["jobs"]["cleanup"])
    for needed in (
        "helm uninstall",
        "databases.k8s.mariadb.com",
        "kubectl delete namespace",
        "preview_tunnel.py down",
    ):
        assert needed in cleanup
    assert workflow["jobs"]["comment"]["permissions"] == {"pull-requests": "write"}
    prod = load(REPO / ".github/workflows/deploy-prod.yml")
    assert prod["on"]["workflow_run"] == {
        "workflows": ["CI"],
        "types": ["completed"],
        "branches": ["main"],
    }
    assert "image.digest" in json.dumps(prod["jobs"]["api"])


class FakeCloudflare(http.server.BaseHTTPRequestHandler):
    """Just enough of the Cloudflare v4 API for the preview tunnel helper."""

    tunnels: dict = {}
    records: dict = {}
    calls: list = []

    def reply(self, result):
        body = json.dumps({"success": True, "errors": [], "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        from urllib.parse import parse_qs, urlparse

        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        assert self.headers["Authorization"] == "Bearer cf-token"
        self.calls.append((self.command, url.path))
        parts = url.path.strip("/").split("/")
        if url.path == "/zones":
            return self.reply([{"id": "zone1"}] if query["name"] == "example.org" else [])
        if parts[:3] == ["accounts", "acc1", "cfd_tunnel"]:
            if len(parts) == 3 and self.command == "GET":
                return self.reply(
                    [{"id": i} for i, n in self.tunnels.items() if n == query["name"]]
                )
            if len(parts) == 3 and self.command == "POST":
                assert body["config_src"] == "local"
                self.tunnels[f"t{len(self.tunnels) + 1}"] = body["name"]
                return self.reply({"id": f"t{len(self.tunnels)}"})
            if parts[-1] == "token":
                return self.reply(f"token-of-{parts[3]}")
            if parts[-1] == "connections":
                return self.reply(None)
            self.tunnels.pop(parts[3])
            return self.reply(None)
        if parts[:3] == ["zones", "zone1", "dns_records"]:
            if len(parts) == 3 and self.command == "GET":
                return self.reply(
                    [{"id": i} for i, r in self.records.items() if r["name"] == query["name"]]
                )
            if self.command in ("POST", "PUT"):
                self.records[parts[3] if len(parts) > 3 else f"r{len(self.records) + 1}"] = body
                return self.reply({})
            self.records.pop(parts[3])
            return self.reply(None)
        self.send_response(404)
        self.end_headers()

    do_GET = do_POST = do_PUT = do_DELETE = handle_any

    def log_message(self, *args):
        pass


def test_preview_tunnel_helper_creates_reuses_and_deletes():
    server = http.server.HTTPServer(("127.0.0.1", 0), FakeCloudflare)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {**os.environ, "CLOUDFLARE_API_BASE": f"http://127.0.0.1:{server.server_port}",
           "CLOUDFLARE_API_TOKEN": "cf-token", "CLOUDFLARE_ACCOUNT_ID": "acc1",
           "CLOUDFLARE_ZONE": "example.org"}  # fmt: skip
    helper = str(REPO / "deploy" / "preview_tunnel.py")

    def call(*args):
        result = subprocess.run(  # noqa: S603
            [sys.executable, helper, *args], env=env, capture_output=True, text=True, timeout=30
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    try:
        assert call("up", "cashbook-pr-7", "pr-7.example.org") == "token-of-t1"
        assert call("up", "cashbook-pr-7", "pr-7.example.org") == "token-of-t1"  # reused
        assert FakeCloudflare.tunnels == {"t1": "cashbook-pr-7"}
        (record,) = FakeCloudflare.records.values()
        assert record == {
            "type": "CNAME",
            "name": "pr-7.example.org",
            "content": "t1.cfargotunnel.com",
            "proxied": True,
            "comment": "cashbook preview cashbook-pr-7",
        }
        call("down", "cashbook-pr-7", "pr-7.example.org")
        assert FakeCloudflare.tunnels == {} and FakeCloudflare.records == {}
        assert ("DELETE", "/accounts/acc1/cfd_tunnel/t1/connections") in FakeCloudflare.calls
    finally:
        server.shutdown()

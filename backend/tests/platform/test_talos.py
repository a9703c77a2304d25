"""Talos machine configs: the patches are valid for the pinned Talos release, strictly.

The checks run with the tools `scripts/tools/talos.sh` installs into `.tools/venv`; a
missing tool fails the test (make test installs them).
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
TALOS = ROOT / "talos"
TOOLS_PYTHON = ROOT / ".tools" / "venv" / "bin" / "python"
SCHEMA = TALOS / "schema" / "config.schema.v1.13.json"
SCHEMATIC_ID = "0123456789abcdef" * 4


def versions() -> dict[str, str]:
    pairs = re.findall(r"^([A-Z_]+)=(\S+)$", (TALOS / "versions.env").read_text(), re.M)
    return dict(pairs)


def tools_python() -> Path:
    assert TOOLS_PYTHON.exists(), "run scripts/tools.sh: .tools/venv is missing"
    return TOOLS_PYTHON


def validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(tools_python()), str(TALOS / "validate.py"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_tools_are_installed() -> None:
    probe = subprocess.run(
        [str(tools_python()), "-c", "import jsonschema, yaml"], capture_output=True, text=True
    )
    assert probe.returncode == 0, probe.stderr


def test_versions_are_pinned_to_the_schema_release() -> None:
    pinned = versions()
    assert re.fullmatch(r"v1\.13\.\d+", pinned["TALOS_VERSION"])
    assert re.fullmatch(r"1\.\d+\.\d+", pinned["KUBERNETES_VERSION"])
    schema_id = json.loads(SCHEMA.read_text())["$id"]
    minor = pinned["TALOS_VERSION"].rsplit(".", 1)[0]
    assert f"/{minor}/" in schema_id, schema_id


def test_every_object_in_the_schema_is_closed() -> None:
    """Unknown keys can only be caught if no object schema admits them."""
    snippet = textwrap.dedent(
        """
        import sys; sys.path.insert(0, sys.argv[1])
        import validate
        schema = validate.load_schema(validate.DEFAULT_SCHEMA)
        found = []
        def walk(node):
            if isinstance(node, dict):
                if "properties" in node:
                    found.append(node.get("additionalProperties", "open") is False
                                 or "patternProperties" in node)
                for value in node.values(): walk(value)
            elif isinstance(node, list):
                for value in node: walk(value)
        walk(schema)
        print(len(found), found.count(False))
        """
    )
    probe = subprocess.run(
        [str(tools_python()), "-c", snippet, str(TALOS)], capture_output=True, text=True
    )
    assert probe.returncode == 0, probe.stderr
    objects, open_objects = map(int, probe.stdout.split())
    assert objects > 100
    assert open_objects == 0


def test_committed_patches_match_the_schema() -> None:
    patches = sorted((TALOS / "patches").glob("*.yaml"))
    assert {p.name for p in patches} >= {"common.yaml", "longhorn.yaml", "control-plane.yaml"}
    result = validate(*patches)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_talos_installs_no_cni_and_opentofu_installs_cilium_first() -> None:
    """Flannel ignores NetworkPolicies; the chart relies on them, so Cilium replaces it."""
    common = yaml.safe_load((TALOS / "patches" / "common.yaml").read_text())
    assert common["cluster"]["network"]["cni"] == {"name": "none"}
    env = (TALOS.parent / "tofu" / "envs" / "prod" / "main.tf").read_text()
    first_module = re.search(r'module "(\w+)"', env).group(1)
    assert first_module == "cilium"
    assert "forwarded_allow_ips = module.cilium.pod_cidr" in env


def test_longhorn_mount_is_rshared() -> None:
    text = (TALOS / "patches" / "longhorn.yaml").read_text()
    assert "destination: /var/lib/longhorn" in text
    assert re.search(r"options:\s*\n(\s+- \S+\n)*\s+- rshared", text)


def test_schematic_carries_the_longhorn_extensions() -> None:
    text = (TALOS / "schematic.yaml").read_text()
    for extension in ("iscsi-tools", "util-linux-tools", "qemu-guest-agent"):
        assert re.search(rf"^\s+- siderolabs/{extension}$", text, re.M), extension


@pytest.mark.parametrize(
    ("patch", "culprit"),
    [
        ("machine:\n  kubelet:\n    extraMount:\n      - destination: /x\n", "extraMount"),
        ("machne:\n  sysctls: {}\n", "machne"),
        ("cluster:\n  etcd:\n    extraArg:\n      a: b\n", "extraArg"),
        (
            "apiVersion: v1alpha1\nkind: RegistryMirrorConfig\nname: '*'\n"
            "endpoint:\n  - url: http://cache\n",
            "endpoint",
        ),
        ("machine:\n  install:\n    wipe: 'no'\n", "wipe"),
        ("apiVersion: v1alpha1\nkind: NoSuchConfig\nname: x\n", "NoSuchConfig"),
    ],
    ids=[
        "nested-key",
        "top-level-key",
        "cluster-key",
        "kind-document-key",
        "wrong-type",
        "unknown-kind",
    ],
)
def test_a_wrong_patch_is_rejected(tmp_path: Path, patch: str, culprit: str) -> None:
    """The check can fail: misspelt keys, wrong types and unknown kinds are errors."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("machine:\n  sysctls:\n    a.b: '1'\n---\n" + patch)
    result = validate(bad)
    assert result.returncode == 1
    assert culprit in result.stderr
    assert "document 2" in result.stderr


STUB_TALOSCTL = """#!/usr/bin/env bash
echo "$*" >> "$STUB_LOG"
value_of() { local want=$1; shift; local prev=""; for a in "$@"; do
  [ "$prev" = "$want" ] && echo "$a"; prev=$a; done; }
case "$1 $2" in
  "version --client") printf 'Client:\\n\\tTag:         %s\\n' "$STUB_VERSION" ;;
  "gen secrets") echo "secrets: stub" > "$(value_of -o "$@")" ;;
  "gen config") d=$(value_of --output "$@")
    for f in controlplane.yaml worker.yaml talosconfig; do echo "# stub" > "$d/$f"; done ;;
  "machineconfig patch") echo "# stub" > "$(value_of --output "$@")" ;;
esac
"""


def run_gen_config(tmp_path: Path, version: str, **env: str) -> subprocess.CompletedProcess[str]:
    stub = tmp_path / "talosctl"
    stub.write_text(STUB_TALOSCTL)
    stub.chmod(0o755)
    environment = {
        "PATH": os.environ["PATH"],
        "STUB_LOG": str(tmp_path / "talosctl.log"),
        "STUB_VERSION": version,
        "TALOSCTL": str(stub),
        "OUT_DIR": str(tmp_path / "out"),
        "TALOS_SCHEMATIC_ID": SCHEMATIC_ID,
        "CONTROL_PLANE_IP": "192.0.2.10",
        "WORKER_IPS": "192.0.2.11,192.0.2.12 192.0.2.13",
        **env,
    }
    return subprocess.run(
        ["bash", str(TALOS / "gen-config.sh")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_gen_config_uses_every_patch_and_the_factory_installer(tmp_path: Path) -> None:
    tools_python()
    pinned = versions()
    result = run_gen_config(
        tmp_path,
        pinned["TALOS_VERSION"],
        NODE_GATEWAY="192.0.2.1",
        NODE_INTERFACE="ens18",
        REGISTRY_MIRROR_URL="http://cache.example.test:5000",
    )
    assert result.returncode == 0, result.stderr
    # the rendered patches (install image, mirror, static addresses) were validated too
    assert re.search(r"^ok: \d+ document\(s\) in 9 file\(s\)", result.stdout, re.M)

    calls = (tmp_path / "talosctl.log").read_text().splitlines()
    gen = next(c for c in calls if c.startswith("gen config "))
    assert gen.startswith("gen config cashbook https://192.0.2.10:6443 ")
    assert f"--talos-version {pinned['TALOS_VERSION']}" in gen
    assert f"--kubernetes-version {pinned['KUBERNETES_VERSION']}" in gen
    for name in ("common.yaml", "longhorn.yaml"):
        assert f"--config-patch @{TALOS / 'patches' / name}" in gen
    assert f"--config-patch-control-plane @{TALOS / 'patches' / 'control-plane.yaml'}" in gen
    committed = {p.name for p in (TALOS / "patches").glob("*.yaml")}
    assert committed == {"common.yaml", "longhorn.yaml", "control-plane.yaml"}, (
        "a new patch must be wired into gen-config.sh and this test"
    )

    out = tmp_path / "out"
    install = (out / "patches" / "install.yaml").read_text()
    assert (
        f"image: factory.talos.dev/metal-installer/{SCHEMATIC_ID}:{pinned['TALOS_VERSION']}"
        in install
    )
    assert (
        "- url: http://cache.example.test:5000"
        in (out / "patches" / "registry-mirror.yaml").read_text()
    )
    assert "address: 192.0.2.12/24" in (out / "patches" / "node-worker-2.yaml").read_text()
    nodes = sorted(p.name for p in (out / "nodes").iterdir())
    assert nodes == ["controlplane.yaml", "worker-1.yaml", "worker-2.yaml", "worker-3.yaml"]
    for secret in [out / "secrets.yaml", *(out / "nodes").iterdir()]:
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600, secret


def test_gen_config_refuses_another_talosctl(tmp_path: Path) -> None:
    result = run_gen_config(tmp_path, "v1.12.0")
    assert result.returncode != 0
    assert "pins" in result.stderr
    assert not (tmp_path / "out").exists()


def test_no_generated_config_or_secret_is_committed() -> None:
    forbidden_names = {
        "secrets.yaml",
        "talosconfig",
        "kubeconfig",
        "controlplane.yaml",
        "worker.yaml",
    }
    secret_patterns = [
        re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
        re.compile(r"\bkey: LS0t"),  # base64 of a PEM block, as in machine.ca.key
        re.compile(r"\btoken: [a-z0-9]{6}\.[a-z0-9]{16}\b"),  # machine/bootstrap token
        re.compile(r"\bsecretboxEncryptionSecret: \S+"),
    ]
    for path in TALOS.rglob("*"):
        if "_out" in path.parts or not path.is_file():
            continue
        assert path.name not in forbidden_names, path
        text = path.read_text(errors="replace")
        for pattern in secret_patterns:
            assert not pattern.search(text), (
                f"{path} looks like generated config: {pattern.pattern}"
            )
    ignored = (TALOS / ".gitignore").read_text().split()
    assert "/_out/" in ignored and "/secrets.yaml" in ignored

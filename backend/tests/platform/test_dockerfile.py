"""The container image: one Dockerfile for every process, linted and pinned down."""

import json
import re
import subprocess
import sys

import pytest
import yaml
from conftest import REPO, TOOLS_VENV_BIN, run, tool

pytestmark = pytest.mark.platform

DOCKERFILE = REPO / "backend" / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def stages() -> list[list[tuple[str, str]]]:
    result: list[list[tuple[str, str]]] = []
    for instruction in instructions():
        if instruction[0] == "FROM":
            result.append([])
        if result:
            result[-1].append(instruction)
    return result


def test_hadolint_passes():
    result = run(tool(TOOLS_VENV_BIN / "hadolint"), "--format", "json", str(DOCKERFILE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_checkov_dockerfile_checks_pass():
    checkov = tool(TOOLS_VENV_BIN / "checkov")
    args = ("-f", str(DOCKERFILE), "--framework", "dockerfile", "--skip-download")
    result = run(checkov, *args, "--output", "json")
    report = json.loads(result.stdout)
    print("checkov dockerfile:", report["summary"])
    assert report["summary"]["passed"] > 10
    assert report["summary"]["failed"] == 0, report["results"]["failed_checks"]


def test_multi_stage_on_one_slim_base():
    froms = [args for word, args in instructions() if word == "FROM"]
    assert len(froms) == 2
    images = {args.split()[0] for args in froms}
    assert len(images) == 1, "build and runtime must use the same Python"
    (image,) = images
    assert re.fullmatch(r"python:3\.11\.\d+-slim-\w+", image)
    runtime = stages()[-1]
    assert ("COPY", "--from=build /opt/cashbook /opt/cashbook") in runtime
    # Nothing is compiled or installed with apt in the shipped stage.
    assert not any(word == "RUN" and "apt-get" in args for word, args in runtime)


def test_runs_as_the_charts_non_root_user():
    runtime = stages()[-1]
    users = [args for word, args in runtime if word == "USER"]
    assert users, "the runtime stage must switch user"
    uid, _, gid = users[-1].partition(":")
    assert uid.isdigit() and int(uid) >= 10000 and gid.isdigit()
    values = yaml.safe_load((REPO / "charts" / "cashbook" / "values.yaml").read_text())
    assert values["securityContext"]["runAsUser"] == int(uid)
    assert values["podSecurityContext"]["runAsGroup"] == int(gid)
    # USER comes after every RUN, so the running process can change nothing it installed.
    last_run = max(i for i, (word, _) in enumerate(runtime) if word == "RUN")
    assert runtime.index(("USER", users[-1])) > last_run


def test_one_image_for_every_process():
    final = dict(
        (word, args) for word, args in stages()[-1] if word in ("ENTRYPOINT", "CMD", "ENV")
    )
    assert json.loads(final["ENTRYPOINT"]) == ["cashbook"]
    assert json.loads(final["CMD"]) == ["serve"]
    env = " ".join(args for word, args in stages()[-1] if word == "ENV")
    assert "CASHBOOK_HOST=0.0.0.0" in env
    assert "PYTHONDONTWRITEBYTECODE=1" in env  # the root filesystem is read-only


def test_dockerignore_only_lets_the_package_in():
    text = (REPO / "backend" / ".dockerignore").read_text()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[0] == "*"
    assert {"!pyproject.toml", "!cashbook/"} <= set(lines)


def test_dependency_step_reads_the_projects_dependencies():
    """The build's first RUN lists pyproject's dependencies; run that very command here."""
    pyproject = REPO / "backend" / "pyproject.toml"
    assert pyproject.is_file(), "backend/pyproject.toml is the image's input"
    run_args = next(args for word, args in stages()[0] if word == "RUN" and "tomllib" in args)
    command = re.search(r'python -c "(.*?)"\s*>', run_args).group(1)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", command], cwd=pyproject.parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    import tomllib

    expected = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    assert result.stdout.splitlines() == expected

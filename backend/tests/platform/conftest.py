"""Shared helpers of the platform checks (chart, workflows, compose, Dockerfile).

The checkers live in .tools/ (installed by scripts/tools.sh); a missing one fails the test
that needs it, it is never skipped.
"""

import os
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[3]
TOOLS_BIN = REPO / ".tools" / "bin"
TOOLS_VENV_BIN = REPO / ".tools" / "venv" / "bin"


def tool(path: Path) -> str:
    """The path of an installed checker, or a failure saying how to install it."""
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"{path.relative_to(REPO)} is missing: run `bash scripts/tools.sh`")
    return str(path)


def run(*args: str, cwd: Path = REPO, timeout: float = 300, env: dict | None = None):
    """Run a checker; PATH starts with .tools/bin so helpers find helm and friends."""
    full_env = {**os.environ, "PATH": f"{TOOLS_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    full_env.update(env or {})
    return subprocess.run(  # noqa: S603 (fixed tool paths, no shell)
        list(args), cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout
    )


def load_all(text: str) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(text) if doc]

"""The web app's typed API client is generated from this backend's OpenAPI; a change to the API
without `npm run gen:api` in frontend/ fails here."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
GENERATED = FRONTEND / "src" / "api" / "gen" / "schema.d.ts"


def test_generated_client_matches_the_api(tmp_path: Path):
    node = shutil.which("node")
    if node is None or not (FRONTEND / "node_modules" / "openapi-typescript").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("Node.js and the web app's npm packages are required in CI")
        pytest.skip("Node.js or frontend/node_modules is missing (make web installs them)")
    result = subprocess.run(
        [node, "scripts/gen-api.mjs", "--out", str(tmp_path)],
        cwd=FRONTEND,
        env={**os.environ, "CASHBOOK_PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = (tmp_path / "schema.d.ts").read_text()
    assert fresh == GENERATED.read_text(), (
        "frontend/src/api/gen/schema.d.ts is stale: run `npm run gen:api` in frontend/"
    )

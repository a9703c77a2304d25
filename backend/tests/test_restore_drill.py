"""The restore drill of docs/operations.md, as an operator runs it on one machine: a throwaway
MariaDB, a demo year dumped, wiped and restored, every encrypted value read back."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import free_port

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    shutil.which("mariadbd") is None or shutil.which("mariadb-install-db") is None,
    reason="the drill needs the mariadb-server binaries (apt-get install mariadb-server)",
)
def test_the_restore_drill_runs_and_reads_every_encrypted_value():
    env = {**os.environ, "CASHBOOK": str(Path(sys.executable).parent / "cashbook")}
    result = subprocess.run(  # noqa: S603
        ["bash", str(REPO / "scripts/restore-drill.sh"), str(free_port())],  # noqa: S607
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    steps = ["== 1. dump", "== 2. wipe", "== 3. restore", "== 4. the app reads"]
    positions = [result.stdout.index(step) for step in steps]
    assert positions == sorted(positions)
    decrypted = re.search(r"all (\d+) encrypted values decrypt", result.stdout)
    assert decrypted and int(decrypted.group(1)) > 1000

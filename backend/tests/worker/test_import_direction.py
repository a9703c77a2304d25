"""The worker's modules import one way: no module reaches back, not even inside a function."""

import ast
from pathlib import Path

import cashbook.worker

WORKER = Path(cashbook.worker.__file__).parent


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            found |= {name for name in names if name.startswith("cashbook.worker.")}
    return {name for name in found if (WORKER / f"{name.rsplit('.', 1)[-1]}.py").exists()}


def test_the_worker_package_has_no_import_cycle():
    graph = {
        f"cashbook.worker.{path.stem}": _imports(path) - {f"cashbook.worker.{path.stem}"}
        for path in WORKER.glob("*.py")
    }

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for module in graph.get(start, ()):
            if module == target or (
                module not in seen and reaches(module, target, seen | {module})
            ):
                return True
        return False

    cycles = sorted(module for module in graph if reaches(module, module, set()))
    assert cycles == []

#!/usr/bin/env bash
# Tools for the Talos checks (backend/tests/platform/test_talos.py): jsonschema and PyYAML,
# pinned, into .tools/venv, used by talos/validate.py. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."

JSONSCHEMA_VERSION=4.26.0
PYYAML_VERSION=6.0.3

VENV=.tools/venv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"

dist_version() {  # the installed version of a distribution in the venv, or nothing
  "$VENV/bin/python" -c 'import importlib.metadata as m, sys
try: print(m.version(sys.argv[1]))
except m.PackageNotFoundError: pass' "$1"
}

want=()
for spec in "jsonschema==$JSONSCHEMA_VERSION" "PyYAML==$PYYAML_VERSION"; do
  name=${spec%%==*} version=${spec##*==}
  [ "$(dist_version "$name")" = "$version" ] || want+=("$spec")
done
if [ ${#want[@]} -gt 0 ]; then
  echo "talos tools: installing ${want[*]}"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${want[@]}"
fi

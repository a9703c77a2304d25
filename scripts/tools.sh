#!/usr/bin/env bash
# Installs the non-Python tools the checks need into .tools/ (idempotent; every script in
# scripts/tools/ installs one family of tools and returns quickly when it is already there).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tools/bin
for script in scripts/tools/*.sh; do
  [ -e "$script" ] || continue
  bash "$script"
done

#!/usr/bin/env bash
# Debian's docker-compose (v1): `docker-compose config` validates the developer stack's
# compose file without a Docker engine.
set -euo pipefail
command -v docker-compose >/dev/null 2>&1 && exit 0
if ! apt-get install -y --no-install-recommends docker-compose >/dev/null 2>&1; then
  apt-get update >/dev/null && apt-get install -y --no-install-recommends docker-compose >/dev/null
fi

#!/usr/bin/env bash
# promtool (Debian's prometheus package) for `promtool check rules|metrics` and
# `promtool test rules` on the alert rules and the scraped metrics.
set -euo pipefail
command -v promtool >/dev/null 2>&1 && exit 0
if ! apt-get install -y --no-install-recommends prometheus >/dev/null 2>&1; then
  apt-get update >/dev/null && apt-get install -y --no-install-recommends prometheus >/dev/null
fi
# The package starts a Prometheus server as a service where an init system runs; only the
# promtool binary is needed.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
echo "promtool: $(promtool --version 2>&1 | head -n 1)"

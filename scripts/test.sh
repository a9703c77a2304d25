#!/usr/bin/env bash
# Runs the whole suite. MariaDB and RabbitMQ are used when reachable and are required in CI
# (CI=true), where a missing server fails the run instead of skipping its suite.
set -euo pipefail
cd "$(dirname "$0")/.."

reachable() {  # host port
  .venv/bin/python - "$1" "$2" <<'PY'
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1).close()
except OSError:
    sys.exit(1)
PY
}

if [ -z "${CASHBOOK_TEST_MARIADB_URL:-}" ]; then
  if [ "${CI:-}" = "true" ] || reachable 127.0.0.1 3306; then
    export CASHBOOK_TEST_MARIADB_URL="mysql+aiomysql://root@127.0.0.1:3306/cashbook_test"
  fi
fi

if [ -z "${CASHBOOK_TEST_RABBITMQ_URL:-}" ]; then
  if [ "${CI:-}" = "true" ] || reachable 127.0.0.1 5672; then
    export CASHBOOK_TEST_RABBITMQ_URL="amqp://guest:guest@127.0.0.1:5672/"
  fi
fi

cd backend
exec ../.venv/bin/python -m pytest "$@"

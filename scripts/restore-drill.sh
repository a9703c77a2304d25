#!/usr/bin/env bash
# The restore drill of docs/operations.md on one machine, against a throwaway MariaDB (the
# mariadb-server binaries; nothing is installed or changed system-wide): dump, wipe, restore,
# then every encrypted value must decrypt with the keys at hand.
#
#   bash scripts/restore-drill.sh [PORT]
#       a demo year of encrypted data is made first, dumped, wiped and restored;
#   RESTORE_FROM=backup.sql[.gz] DB_ENCRYPTION_KEY=... DB_BLIND_INDEX_KEY=... \
#       bash scripts/restore-drill.sh [PORT]
#       a production backup (from the S3 bucket) is restored instead, read with the
#       production keys from the password manager.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-3399}
CASHBOOK=${CASHBOOK:-.venv/bin/cashbook}
WORK=$(mktemp -d)
SOCKET=$WORK/run/mysqld.sock

cleanup() {
  if [ -f "$WORK/mariadbd.pid" ]; then
    kill "$(cat "$WORK/mariadbd.pid")" 2>/dev/null || true
    wait "$(cat "$WORK/mariadbd.pid")" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

sql() { mariadb --no-defaults --socket="$SOCKET" -uroot "$@"; }

echo "== a throwaway MariaDB on 127.0.0.1:$PORT"
mkdir -p "$WORK/data" "$WORK/run" "$WORK/tmp"
mariadb-install-db --no-defaults --datadir="$WORK/data" --user="$(id -un)" \
  --auth-root-authentication-method=socket --skip-test-db > "$WORK/install.log" 2>&1
mariadbd --no-defaults --datadir="$WORK/data" --user="$(id -un)" --bind-address=127.0.0.1 \
  --port="$PORT" --socket="$SOCKET" --tmpdir="$WORK/tmp" --log-error="$WORK/error.log" \
  --skip-name-resolve --innodb-buffer-pool-size=64M > /dev/null 2>&1 &
echo $! > "$WORK/mariadbd.pid"
for _ in $(seq 1 100); do
  mariadb-admin --no-defaults --socket="$SOCKET" -uroot ping > /dev/null 2>&1 && break
  sleep 0.1
done
create_database() {
  sql -e "CREATE DATABASE cashbook CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
}
create_database
sql -e "CREATE USER 'cashbook'@'127.0.0.1' IDENTIFIED BY 'drill';
        GRANT ALL ON cashbook.* TO 'cashbook'@'127.0.0.1'"
export CASHBOOK_DATA_DIR=$WORK/cashbook
export DATABASE_URL="mysql+aiomysql://cashbook:drill@127.0.0.1:$PORT/cashbook?charset=utf8mb4"

if [ -z "${RESTORE_FROM:-}" ]; then
  echo "== data to lose: the schema and a demo year, encrypted"
  "$CASHBOOK" db upgrade
  printf 'drill passphrase 42\ndrill passphrase 42\n' \
    | "$CASHBOOK" users create-admin drill@example.com > /dev/null
  "$CASHBOOK" demo seed --user drill@example.com
  echo "== 1. dump"
  RESTORE_FROM=$WORK/cashbook.sql
  mariadb-dump --no-defaults --socket="$SOCKET" -uroot --single-transaction cashbook \
    > "$RESTORE_FROM"
  echo "== 2. wipe"
  sql -e "DROP DATABASE cashbook"
  create_database
fi

echo "== 3. restore from $RESTORE_FROM"
started=$(date +%s)
case "$RESTORE_FROM" in
  *.gz) gzip -dc "$RESTORE_FROM" | sql cashbook ;;
  *) sql cashbook < "$RESTORE_FROM" ;;
esac
echo "restored in $(($(date +%s) - started)) s (the RTO of this machine)"

echo "== 4. the app reads every encrypted value"
"$CASHBOOK" keys verify

"""A MariaDB server of a test's own (a data folder in tmp, a free port), which the test may
stop and start again: the database going away under a running API."""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pymysql

from tests.conftest import free_port

USER, PASSWORD, DATABASE = "cashbook", "outage-test-password", "cashbook"  # a test server


class ThrowawayMariaDB:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.port = free_port()
        self.socket = base / "mysqld.sock"
        self.process: subprocess.Popen | None = None
        as_root = ["--user=root"] if os.geteuid() == 0 else []
        subprocess.run(
            [
                "mariadb-install-db",
                "--no-defaults",
                f"--datadir={base / 'data'}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                *as_root,
            ],
            capture_output=True,
            check=True,
            timeout=120,
        )
        self._command = [
            shutil.which("mariadbd") or "/usr/sbin/mariadbd",
            "--no-defaults",
            f"--datadir={base / 'data'}",
            "--bind-address=127.0.0.1",
            f"--port={self.port}",
            f"--socket={self.socket}",
            f"--pid-file={base / 'mysqld.pid'}",
            f"--tmpdir={base}",
            f"--log-error={base / 'error.log'}",
            "--skip-name-resolve",
            "--innodb-buffer-pool-size=32M",
            "--innodb-log-file-size=16M",
            *as_root,
        ]

    @property
    def url(self) -> str:
        return (
            f"mysql+aiomysql://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{DATABASE}?charset=utf8mb4"
        )

    def start(self) -> None:
        self.process = subprocess.Popen(self._command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                pymysql.connect(unix_socket=str(self.socket), user="root").close()
                return
            except pymysql.MySQLError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((self.base / "error.log").read_text()[-2000:]) from None
                time.sleep(0.1)

    def create_database(self) -> None:
        connection = pymysql.connect(unix_socket=str(self.socket), user="root")
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4")
                cursor.execute(f"CREATE USER '{USER}'@'127.0.0.1' IDENTIFIED BY '{PASSWORD}'")
                cursor.execute(f"GRANT ALL ON {DATABASE}.* TO '{USER}'@'127.0.0.1'")
        finally:
            connection.close()

    def stop(self) -> None:
        """A clean shutdown, as a restart or a failover does it."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)
        self.process = None

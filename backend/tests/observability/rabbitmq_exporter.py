"""A throwaway RabbitMQ node with its Prometheus plugin, on loopback ports of its own, so the
dashboards' and rules' rabbitmq_* names are checked against what RabbitMQ really exports.

Debian's rabbitmq-server is called directly (not the service), with its own epmd (started
here, stopped by PID) and every file under one temporary folder.
"""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx

SERVER = Path("/usr/lib/rabbitmq/bin/rabbitmq-server")


def installed() -> bool:
    return SERVER.is_file() and shutil.which("epmd") is not None


class RabbitExporter:
    def __init__(self, base: Path, ports: list[int]) -> None:
        self.base = base
        amqp, dist, epmd, prometheus = ports
        self.url = f"http://127.0.0.1:{prometheus}"
        for folder in ("mnesia", "log", "home"):
            (base / folder).mkdir(parents=True, exist_ok=True)
        (base / "rabbitmq.conf").write_text(
            f"listeners.tcp.default = 127.0.0.1:{amqp}\n"
            f"prometheus.tcp.ip = 127.0.0.1\nprometheus.tcp.port = {prometheus}\n"
            "log.file.level = warning\n"
        )
        (base / "enabled_plugins").write_text("[rabbitmq_prometheus].\n")
        (base / "advanced.config").write_text("[].\n")
        self.env = {
            **os.environ,
            "HOME": str(base / "home"),
            "RABBITMQ_NODENAME": f"cashbook-metrics-{prometheus}@localhost",
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(amqp),
            "RABBITMQ_DIST_PORT": str(dist),
            "ERL_EPMD_PORT": str(epmd),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
            "RABBITMQ_MNESIA_BASE": str(base / "mnesia"),
            "RABBITMQ_LOG_BASE": str(base / "log"),
            "RABBITMQ_CONF_ENV_FILE": "/dev/null",
            "RABBITMQ_CONFIG_FILE": str(base / "rabbitmq.conf"),
            "RABBITMQ_ADVANCED_CONFIG_FILE": str(base / "advanced.config"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(base / "enabled_plugins"),
            "RABBITMQ_PID_FILE": str(base / "rabbit.pid"),
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
        }
        self.epmd: subprocess.Popen | None = None
        self.server: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> "RabbitExporter":
        epmd = shutil.which("epmd")
        assert epmd is not None
        self.epmd = subprocess.Popen(
            [epmd, "-port", self.env["ERL_EPMD_PORT"], "-address", "127.0.0.1"], env=self.env
        )
        log = (self.base / "log" / "stdout.log").open("w")
        self.server = subprocess.Popen(
            [str(SERVER)],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"RabbitMQ exited: see {self.base / 'log'}")
            try:
                if httpx.get(f"{self.url}/metrics", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise RuntimeError("RabbitMQ's Prometheus endpoint did not answer in time")

    def scrape(self, path: str) -> str:
        response = httpx.get(f"{self.url}{path}", timeout=10)
        response.raise_for_status()
        return response.text

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            # Its own session: the signal reaches the Erlang VM the script started.
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()
        if self.epmd is not None and self.epmd.poll() is None:
            self.epmd.terminate()
            self.epmd.wait(timeout=10)

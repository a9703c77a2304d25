"""`cashbook run`: the API, one worker and beat together on one machine.

Each child runs in a session of its own so that this process alone decides how they stop:
Ctrl-C (or SIGTERM) asks every child to stop, waits, and kills what is still running. When one
child dies on its own, the others are stopped too: a half-running Cashbook hides problems.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

STOP_TIMEOUT = 20.0


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    process: subprocess.Popen | None = None


def _pump(name: str, stream: IO[str], out: IO[str], lock: threading.Lock) -> None:
    for line in stream:
        with lock:
            out.write(f"{name:>6} | {line}")
            out.flush()


def supervise(children: list[Child], out: IO[str] = sys.stdout) -> int:
    stopping = threading.Event()
    lock = threading.Lock()
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: stopping.set()) for sig in signals}
    pumps: list[threading.Thread] = []
    try:
        for child in children:
            child.process = subprocess.Popen(  # noqa: S603 - our own command lines
                child.argv,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                text=True,
                bufsize=1,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
                start_new_session=True,
            )
            assert child.process.stdout is not None
            pump = threading.Thread(
                target=_pump, args=(child.name, child.process.stdout, out, lock), daemon=True
            )
            pump.start()
            pumps.append(pump)
        died: Child | None = None
        while not stopping.is_set() and died is None:
            died = next((c for c in children if c.process and c.process.poll() is not None), None)
            stopping.wait(0.2)
        if died is not None:
            with lock:
                out.write(f"cashbook: {died.name} exited ({died.process.returncode}); stopping\n")
        _stop(children)
        for pump in pumps:
            pump.join(timeout=2)
        return 1 if died is not None else 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _stop(children)


def _stop(children: list[Child]) -> None:
    running = [c.process for c in children if c.process and c.process.poll() is None]
    for process in running:
        process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    for process in running:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            # The child's own session: this reaches its pool processes too.
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

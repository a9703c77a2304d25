"""`cashbook run`: the API, the workers and beat together on one machine.

Each child runs in a session of its own so that this process alone decides how they stop:
Ctrl-C (or SIGTERM) asks every child to stop, waits, and kills what is still running.

A worker or beat that dies is started again, after a pause that doubles with each death in a
row (a child that ran for a while starts again after the shortest pause); its queue waits in
the broker meanwhile, and the API keeps serving. When an essential child (the API) dies,
everything stops: without it nothing is served, and a restart loop would hide why.

If the supervisor itself is killed outright (SIGKILL, the OOM killer), its children follow: each
asks the kernel for SIGTERM when its parent dies (`follow_supervisor`), so no orphaned worker
keeps the broker's messages or the port after a crash.
"""

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO

STOP_TIMEOUT = 20.0
FIRST_PAUSE = 1.0
LONGEST_PAUSE = 60.0
# A child that ran this long before dying is not crash-looping: its pause starts over.
STABLE_AFTER = 60.0
# Set in each child's environment: the pid of the supervisor it must not outlive.
SUPERVISOR_PID = "CASHBOOK_SUPERVISOR_PID"
PR_SET_PDEATHSIG = 1  # prctl(2)


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    essential: bool = False
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    deaths_in_a_row: int = 0
    restart_at: float | None = None


def _pump(name: str, stream: IO[str], out: IO[str], lock: threading.Lock) -> None:
    for line in stream:
        with lock:
            out.write(f"{name:>6} | {line}")
            out.flush()


def describe_exit(returncode: int) -> str:
    """A child's end in words: its exit status, or the signal that killed it."""
    if returncode < 0:
        try:
            return f"was killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"was killed by signal {-returncode}"
    return f"exited with status {returncode}"


def follow_supervisor() -> None:
    """In a child of `cashbook run`: receive SIGTERM when the supervisor dies (Linux), and stop
    at once if it is already gone. Anywhere else, nothing."""
    supervisor = os.environ.get(SUPERVISOR_PID)
    if supervisor is None or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != int(supervisor):  # it died before the request took effect
        raise SystemExit("cashbook: the supervisor that started this process is gone")


def pause_before_restart(deaths_in_a_row: int) -> float:
    return min(LONGEST_PAUSE, FIRST_PAUSE * 2 ** (deaths_in_a_row - 1))


class Supervisor:
    def __init__(self, children: list[Child], out: IO[str]) -> None:
        self.children = children
        self.out = out
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.pumps: list[threading.Thread] = []

    def say(self, text: str) -> None:
        with self.lock:
            self.out.write(f"cashbook: {text}\n")
            self.out.flush()

    def start(self, child: Child) -> None:
        child.process = subprocess.Popen(  # noqa: S603 - our own command lines
            child.argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            bufsize=1,
            env={
                **os.environ,
                **child.env,
                "PYTHONUNBUFFERED": "1",
                SUPERVISOR_PID: str(os.getpid()),
            },
            start_new_session=True,
        )
        child.started_at = time.monotonic()
        child.restart_at = None
        assert child.process.stdout is not None
        pump = threading.Thread(
            target=_pump, args=(child.name, child.process.stdout, self.out, self.lock), daemon=True
        )
        pump.start()
        self.pumps.append(pump)

    def watch(self) -> Child | None:
        """Restart what dies until asked to stop; returns the essential child that died."""
        while not self.stopping.is_set():
            now = time.monotonic()
            for child in self.children:
                if child.process is None:
                    if child.restart_at is not None and now >= child.restart_at:
                        self.say(f"starting {child.name} again")
                        self.start(child)
                    continue
                returncode = child.process.poll()
                if returncode is None:
                    continue
                if child.essential:
                    self.say(f"{child.name} {describe_exit(returncode)}; stopping everything")
                    return child
                if now - child.started_at >= STABLE_AFTER:
                    child.deaths_in_a_row = 0
                child.deaths_in_a_row += 1
                pause = pause_before_restart(child.deaths_in_a_row)
                self.say(
                    f"{child.name} {describe_exit(returncode)}; starting it again in {pause:g} s"
                )
                child.process, child.restart_at = None, now + pause
            self.stopping.wait(0.2)
        return None

    def stop(self) -> None:
        running = [c.process for c in self.children if c.process and c.process.poll() is None]
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


def supervise(children: list[Child], out: IO[str] = sys.stdout) -> int:
    """Run `children` until Ctrl-C (0) or until an essential one dies (1)."""
    supervisor = Supervisor(children, out)
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: supervisor.stopping.set()) for sig in signals}
    try:
        for child in children:
            supervisor.start(child)
        died = supervisor.watch()
        supervisor.stop()
        for pump in supervisor.pumps:
            pump.join(timeout=2)
        return 1 if died is not None else 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        supervisor.stop()

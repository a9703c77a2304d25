"""Starts the project's OpenID provider (provider.mjs, npm oidc-provider) as a process."""

import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

HERE = Path(__file__).parent
SCRIPT = HERE / "provider.mjs"
INSTALL_HINT = "run `bash scripts/tools/oidc-provider.sh` (make test does)"

CLIENT_ID = "cashbook"
CLIENT_SECRET = "cashbook-test-secret"  # noqa: S105 - a loopback test provider's client
# Clients whose ID tokens the provider spoils on purpose (see provider.mjs, "tamper").
TAMPERED = {
    "tamper-aud": {"aud": "another-application"},
    "tamper-iss": {"iss": "http://127.0.0.1:9/another-provider"},
    "tamper-exp": {"exp": -600},
    "tamper-key": {"key": "foreign"},
    "tamper-none": {"alg": "none"},
}
# Logins with claims of their own; any other login is `<login>@example.com`, verified.
ACCOUNTS = {
    "unverified-taken": {"email": "taken@example.com", "email_verified": False},
    "verified-taken": {"email": "taken@example.com", "email_verified": True},
    "unverified-new": {"email": "fresh@example.com", "email_verified": False},
    "nameless": {"given_name": "", "family_name": "", "name": "Ada Lovelace"},
}


def redirect_uris(public_url: str, name: str = "oidc") -> list[str]:
    return [f"{public_url}/auth/{name}/callback", f"{public_url}/auth/{name}/associate/callback"]


@dataclass
class ProviderProcess:
    issuer: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def unavailable_reason() -> str | None:
    if shutil.which("node") is None:
        return "Node.js is not installed"
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        return f"the test OpenID provider is not installed: {INSTALL_HINT}"
    return None


def require_provider() -> None:
    """Skip without Node.js or the installed provider; in CI that is a failure instead."""
    reason = unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI requires the OpenID provider: {reason}")
    pytest.skip(reason)


def wait_until_ready(process: subprocess.Popen, issuer: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"the OpenID provider exited: {output}")
        try:
            if httpx.get(f"{issuer}/.well-known/openid-configuration").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the OpenID provider did not start in time")


def start(
    port: int, config: dict | None, workdir: Path, env: dict | None = None
) -> ProviderProcess:
    """`config` is written to a file for provider.mjs; None runs it from the environment only,
    the way a developer starts it."""
    args = ["node", str(SCRIPT)]
    if config is not None:
        path = workdir / "oidc-provider.json"
        path.write_text(json.dumps({"port": port, **config}))
        args.append(str(path))
    process = subprocess.Popen(
        args,
        cwd=HERE,
        env={**os.environ, "OIDC_PORT": str(port), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    issuer = f"http://127.0.0.1:{port}"
    wait_until_ready(process, issuer)
    return ProviderProcess(issuer, process)


def session_config(public_url: str) -> dict:
    uris = redirect_uris(public_url)
    clients = [{"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": uris}]
    clients += [
        {
            "client_id": client_id,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": uris,
            "tamper": change,
        }
        for client_id, change in TAMPERED.items()
    ]
    return {"clients": clients, "accounts": ACCOUNTS}

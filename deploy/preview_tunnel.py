#!/usr/bin/env python3
"""Create or delete the Cloudflare Tunnel and DNS record of one pull-request preview.

    preview_tunnel.py up   NAME HOSTNAME   prints the tunnel token (create or reuse)
    preview_tunnel.py down NAME HOSTNAME   deletes the DNS record and the tunnel

Environment: CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_ZONE (the zone name, e.g.
example.org) and optionally CLOUDFLARE_API_BASE. The tunnel is locally managed (config_src
local): its routes are the chart's cloudflared ConfigMap, which never routes /metrics.
Only the standard library, so it runs on any runner with Python 3.
"""

import json
import os
import sys
import urllib.parse
import urllib.request

API = os.environ.get("CLOUDFLARE_API_BASE", "https://api.cloudflare.com/client/v4")


def call(method: str, path: str, body: dict | None = None, **query: str):
    url = API + path + ("?" + urllib.parse.urlencode(query) if query else "")
    request = urllib.request.Request(  # noqa: S310 (the Cloudflare API, https)
        url,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={
            "Authorization": "Bearer " + os.environ["CLOUDFLARE_API_TOKEN"],
            "Content-Type": "application/json",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        payload = json.load(response)
    if not payload.get("success", False):
        raise SystemExit(f"{method} {path} failed: {payload.get('errors')}")
    return payload["result"]


def zone_id() -> str:
    zones = call("GET", "/zones", name=os.environ["CLOUDFLARE_ZONE"])
    if not zones:
        raise SystemExit("zone not found: " + os.environ["CLOUDFLARE_ZONE"])
    return zones[0]["id"]


def find_tunnel(account: str, name: str) -> str | None:
    tunnels = call("GET", f"/accounts/{account}/cfd_tunnel", name=name, is_deleted="false")
    return tunnels[0]["id"] if tunnels else None


def find_record(zone: str, hostname: str) -> str | None:
    records = call("GET", f"/zones/{zone}/dns_records", type="CNAME", name=hostname)
    return records[0]["id"] if records else None


def up(name: str, hostname: str) -> None:
    account = os.environ["CLOUDFLARE_ACCOUNT_ID"]
    tunnel = find_tunnel(account, name)
    if tunnel is None:
        tunnel = call(
            "POST", f"/accounts/{account}/cfd_tunnel", {"name": name, "config_src": "local"}
        )["id"]
    zone = zone_id()
    record = {
        "type": "CNAME",
        "name": hostname,
        "content": f"{tunnel}.cfargotunnel.com",
        "proxied": True,
        "comment": f"cashbook preview {name}",
    }
    existing = find_record(zone, hostname)
    if existing is None:
        call("POST", f"/zones/{zone}/dns_records", record)
    else:
        call("PUT", f"/zones/{zone}/dns_records/{existing}", record)
    print(call("GET", f"/accounts/{account}/cfd_tunnel/{tunnel}/token"))


def down(name: str, hostname: str) -> None:
    account = os.environ["CLOUDFLARE_ACCOUNT_ID"]
    zone = zone_id()
    existing = find_record(zone, hostname)
    if existing is not None:
        call("DELETE", f"/zones/{zone}/dns_records/{existing}")
    tunnel = find_tunnel(account, name)
    if tunnel is not None:
        # Connectors still attached (a pod not yet gone) would block the deletion.
        call("DELETE", f"/accounts/{account}/cfd_tunnel/{tunnel}/connections")
        call("DELETE", f"/accounts/{account}/cfd_tunnel/{tunnel}")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("up", "down"):
        raise SystemExit(__doc__)
    {"up": up, "down": down}[sys.argv[1]](sys.argv[2], sys.argv[3])

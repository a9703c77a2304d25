#!/usr/bin/env bash
# Generates the Talos machine configs of the Cashbook cluster (1 control plane + N workers)
# with talosctl and the patches in patches/, into talos/_out/ (ignored by git: everything in
# it holds cluster credentials). See README.md for the bootstrap that follows.
#
#   gen-config.sh          generate the configs
#   gen-config.sh image    only print the boot ISO and installer image of the schematic
#
# Environment:
#   CONTROL_PLANE_IP        (required) IP of the control-plane VM
#   WORKER_IPS              (required) IPs of the worker VMs, separated by spaces or commas
#   CLUSTER_NAME            cluster name (default: cashbook)
#   CLUSTER_ENDPOINT        Kubernetes API URL (default: https://$CONTROL_PLANE_IP:6443)
#   INSTALL_DISK            disk Talos installs to (default: /dev/sda, a Proxmox SCSI disk)
#   TALOS_SCHEMATIC_ID      image factory schematic id; computed from schematic.yaml when unset
#   TALOS_QEMU_GUEST_AGENT  include the qemu-guest-agent extension (default: true)
#   REGISTRY_MIRROR_URL     pull-through registry cache for all registries (default: none)
#   NODE_GATEWAY            set to give every node a static address instead of DHCP; then also
#   NODE_PREFIX               prefix length of the node network (default: 24)
#   NODE_INTERFACE            link name, as `talosctl get links --insecure -n IP` shows it
#   NODE_NAMESERVERS          DNS servers, separated by spaces (default: $NODE_GATEWAY)
#   TALOSCTL                talosctl binary (default: talosctl); it must be $TALOS_VERSION
#   TALOS_FACTORY           image factory host (default: factory.talos.dev)
#   OUT_DIR                 output folder (default: talos/_out)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
. "$here/versions.env"

CLUSTER_NAME=${CLUSTER_NAME:-cashbook}
INSTALL_DISK=${INSTALL_DISK:-/dev/sda}
TALOS_QEMU_GUEST_AGENT=${TALOS_QEMU_GUEST_AGENT:-true}
TALOS_FACTORY=${TALOS_FACTORY:-factory.talos.dev}
TALOSCTL=${TALOSCTL:-talosctl}
OUT_DIR=${OUT_DIR:-$here/_out}

die() { echo "gen-config: $*" >&2; exit 1; }

schematic="$(cat "$here/schematic.yaml")"
if [ "$TALOS_QEMU_GUEST_AGENT" = "false" ]; then
  schematic="$(grep -v 'siderolabs/qemu-guest-agent' <<<"$schematic")"
fi
if [ -z "${TALOS_SCHEMATIC_ID:-}" ]; then
  TALOS_SCHEMATIC_ID="$(curl -fsS -X POST --data-binary "$schematic" "https://$TALOS_FACTORY/schematics" \
    | sed -n 's/.*"id"[[:space:]]*:[[:space:]]*"\([0-9a-f]*\)".*/\1/p')"
fi
[[ "$TALOS_SCHEMATIC_ID" =~ ^[0-9a-f]{64}$ ]] || die "not a schematic id: '$TALOS_SCHEMATIC_ID'"
installer="$TALOS_FACTORY/metal-installer/$TALOS_SCHEMATIC_ID:$TALOS_VERSION"
iso="https://$TALOS_FACTORY/image/$TALOS_SCHEMATIC_ID/$TALOS_VERSION/metal-amd64.iso"
if [ "${1:-}" = "image" ]; then
  echo "boot ISO:        $iso"
  echo "installer image: $installer"
  exit 0
fi

: "${CONTROL_PLANE_IP:?set CONTROL_PLANE_IP to the control-plane IP}"
: "${WORKER_IPS:?set WORKER_IPS to the worker IPs (space or comma separated)}"
CLUSTER_ENDPOINT=${CLUSTER_ENDPOINT:-https://${CONTROL_PLANE_IP}:6443}
read -r -a workers <<<"${WORKER_IPS//,/ }"

# The client decides the config format: it must be the pinned release.
client_version="$("$TALOSCTL" version --client 2>/dev/null | sed -n 's/^[[:space:]]*Tag:[[:space:]]*//p' | head -n1)"
[ "$client_version" = "$TALOS_VERSION" ] \
  || die "talosctl is ${client_version:-missing}, this cluster pins $TALOS_VERSION (see versions.env)"

mkdir -p "$OUT_DIR/patches" "$OUT_DIR/nodes"
chmod 700 "$OUT_DIR"

# Patches rendered from the environment, checked like the committed ones.
cat >"$OUT_DIR/patches/install.yaml" <<EOF
machine:
  install:
    disk: $INSTALL_DISK
    image: $installer
    wipe: false
EOF
patches=(
  --config-patch "@$here/patches/common.yaml"
  --config-patch "@$here/patches/longhorn.yaml"
  --config-patch "@$OUT_DIR/patches/install.yaml"
)
if [ -n "${REGISTRY_MIRROR_URL:-}" ]; then
  sed "s|\${REGISTRY_MIRROR_URL}|$REGISTRY_MIRROR_URL|" \
    "$here/patches/registry-mirror.yaml.tmpl" >"$OUT_DIR/patches/registry-mirror.yaml"
  patches+=(--config-patch "@$OUT_DIR/patches/registry-mirror.yaml")
fi

node_patch() {  # node_patch IP FILE: static address for one node
  cat >"$2" <<EOF
apiVersion: v1alpha1
kind: LinkConfig
name: $NODE_INTERFACE
addresses:
  - address: $1/${NODE_PREFIX:-24}
routes:
  - gateway: $NODE_GATEWAY
---
apiVersion: v1alpha1
kind: ResolverConfig
nameservers:
EOF
  for ns in ${NODE_NAMESERVERS:-$NODE_GATEWAY}; do
    printf '  - address: %s\n' "$ns" >>"$2"
  done
}
if [ -n "${NODE_GATEWAY:-}" ]; then
  : "${NODE_INTERFACE:?set NODE_INTERFACE (talosctl get links --insecure -n IP shows it)}"
  node_patch "$CONTROL_PLANE_IP" "$OUT_DIR/patches/node-controlplane.yaml"
  for i in "${!workers[@]}"; do
    node_patch "${workers[$i]}" "$OUT_DIR/patches/node-worker-$((i + 1)).yaml"
  done
fi

validator="$here/../.tools/venv/bin/python"
if [ -x "$validator" ]; then
  "$validator" "$here/validate.py" "$here"/patches/*.yaml "$OUT_DIR"/patches/*.yaml
else
  echo "gen-config: .tools/venv missing, patches not validated (run scripts/tools.sh)" >&2
fi

# One secrets bundle per cluster: reused on every run, so regenerated configs still match
# the running cluster. Back it up encrypted (README.md); losing it means rebuilding.
if [ ! -f "$OUT_DIR/secrets.yaml" ]; then
  "$TALOSCTL" gen secrets --talos-version "$TALOS_VERSION" -o "$OUT_DIR/secrets.yaml"
fi
chmod 600 "$OUT_DIR/secrets.yaml"

"$TALOSCTL" gen config "$CLUSTER_NAME" "$CLUSTER_ENDPOINT" \
  --with-secrets "$OUT_DIR/secrets.yaml" \
  --talos-version "$TALOS_VERSION" \
  --kubernetes-version "$KUBERNETES_VERSION" \
  --additional-sans "$CONTROL_PLANE_IP" \
  "${patches[@]}" \
  --config-patch-control-plane "@$here/patches/control-plane.yaml" \
  --output "$OUT_DIR" \
  --force

"$TALOSCTL" --talosconfig "$OUT_DIR/talosconfig" config endpoint "$CONTROL_PLANE_IP"
"$TALOSCTL" --talosconfig "$OUT_DIR/talosconfig" config node "$CONTROL_PLANE_IP"

# Per-node files: the role's config plus, with static addressing, the node's own address.
per_node() {  # per_node ROLE_CONFIG NODE_PATCH OUTPUT
  if [ -n "${NODE_GATEWAY:-}" ]; then
    "$TALOSCTL" machineconfig patch "$1" --patch "@$2" --output "$3"
  else
    cp "$1" "$3"
  fi
  chmod 600 "$3"
}
per_node "$OUT_DIR/controlplane.yaml" "$OUT_DIR/patches/node-controlplane.yaml" \
  "$OUT_DIR/nodes/controlplane.yaml"
echo "apply: talosctl apply-config --insecure -n <maintenance IP> --file $OUT_DIR/nodes/controlplane.yaml   # $CONTROL_PLANE_IP"
for i in "${!workers[@]}"; do
  n=$((i + 1))
  per_node "$OUT_DIR/worker.yaml" "$OUT_DIR/patches/node-worker-$n.yaml" "$OUT_DIR/nodes/worker-$n.yaml"
  echo "apply: talosctl apply-config --insecure -n <maintenance IP> --file $OUT_DIR/nodes/worker-$n.yaml   # ${workers[$i]}"
done
echo "installer image: $installer"
echo "boot ISO:        $iso"

# Cilium, the cluster's CNI: Talos is configured with `cluster.network.cni.name: none`
# (talos/patches/common.yaml), so pods get no network until this release is installed, and
# NetworkPolicies (the Cashbook chart relies on them) are enforced, which Talos' default
# flannel does not do. It is the first release of the environment.

resource "helm_release" "cilium" {
  name       = "cilium"
  namespace  = var.namespace
  repository = "https://helm.cilium.io"
  chart      = "cilium"
  version    = var.chart_version
  wait       = true
  timeout    = 900

  values = [templatefile("${path.module}/values.yaml.tftpl", {
    pod_cidr = var.pod_cidr
  })]
}

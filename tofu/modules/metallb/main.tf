# MetalLB in layer-2 mode: answers ARP for service addresses from one pool on the LAN.

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name = var.namespace
    labels = {
      # The speaker uses host networking and NET_RAW; Talos enforces "baseline" by default.
      "pod-security.kubernetes.io/enforce" = "privileged"
      "pod-security.kubernetes.io/audit"   = "privileged"
      "pod-security.kubernetes.io/warn"    = "privileged"
    }
  }
}

resource "helm_release" "metallb" {
  name       = "metallb"
  namespace  = kubernetes_namespace_v1.this.metadata[0].name
  repository = "https://metallb.github.io/metallb"
  chart      = "metallb"
  version    = var.chart_version
  wait       = true
  timeout    = 600

  values = [templatefile("${path.module}/values.yaml.tftpl", {})]
}

resource "kubectl_manifest" "address_pool" {
  yaml_body = yamlencode({
    apiVersion = "metallb.io/v1beta1"
    kind       = "IPAddressPool"
    metadata = {
      name      = var.pool_name
      namespace = var.namespace
    }
    spec = {
      addresses = var.address_pool
      # Addresses are only handed out when a service asks for one by annotation or when
      # the pool is the only one; both are the case here.
      autoAssign = true
    }
  })

  depends_on = [helm_release.metallb]
}

resource "kubectl_manifest" "l2_advertisement" {
  yaml_body = yamlencode({
    apiVersion = "metallb.io/v1beta1"
    kind       = "L2Advertisement"
    metadata = {
      name      = var.pool_name
      namespace = var.namespace
    }
    spec = {
      ipAddressPools = [var.pool_name]
    }
  })

  depends_on = [kubectl_manifest.address_pool]
}

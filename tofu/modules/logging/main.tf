# Loki (single binary, filesystem storage on a Longhorn volume) and Grafana Alloy as the
# log collector: Alloy reads every pod's log through the Kubernetes API (no hostPath
# mounts), parses Cashbook's JSON lines for their level and ships them to Loki.

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name = var.namespace
    labels = {
      "pod-security.kubernetes.io/enforce" = "baseline"
      "pod-security.kubernetes.io/warn"    = "restricted"
    }
  }
}

resource "helm_release" "loki" {
  name       = "loki"
  namespace  = kubernetes_namespace_v1.this.metadata[0].name
  repository = "https://grafana.github.io/helm-charts"
  chart      = "loki"
  version    = var.loki_chart_version
  wait       = true
  timeout    = 600

  values = [templatefile("${path.module}/loki-values.yaml.tftpl", {
    storage_class = var.storage_class
    storage_size  = var.storage_size
    retention     = var.retention
  })]
}

resource "helm_release" "alloy" {
  name       = "alloy"
  namespace  = kubernetes_namespace_v1.this.metadata[0].name
  repository = "https://grafana.github.io/helm-charts"
  chart      = "alloy"
  version    = var.alloy_chart_version
  wait       = true

  values = [templatefile("${path.module}/alloy-values.yaml.tftpl", {
    loki_push_url = "http://loki.${var.namespace}.svc.cluster.local:3100/loki/api/v1/push"
  })]

  depends_on = [helm_release.loki]
}

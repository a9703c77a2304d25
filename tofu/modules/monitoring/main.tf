# kube-prometheus-stack: Prometheus (with the operator's CRDs), Alertmanager, Grafana with its
# dashboard sidecar (any ConfigMap labelled grafana_dashboard=1 in any namespace becomes a
# dashboard: the Cashbook chart ships its own), node-exporter and kube-state-metrics; plus
# scrape targets for the platform components installed before Prometheus existed.

locals {
  mail_alerts = var.alert_email_to != ""
}

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name = var.namespace
    labels = {
      # node-exporter uses the host's PID and network namespaces and hostPath mounts.
      "pod-security.kubernetes.io/enforce" = "privileged"
      "pod-security.kubernetes.io/warn"    = "privileged"
    }
  }
}

resource "kubernetes_secret_v1" "grafana_admin" {
  metadata {
    name      = "grafana-admin"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
  data = {
    admin-user     = "admin"
    admin-password = var.grafana_admin_password
  }
}

resource "kubernetes_secret_v1" "alertmanager_smtp" {
  metadata {
    name      = "alertmanager-smtp"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
  data = {
    password = var.smtp_password
  }
}

resource "helm_release" "kube_prometheus_stack" {
  name       = "kube-prometheus-stack"
  namespace  = kubernetes_namespace_v1.this.metadata[0].name
  repository = "https://prometheus-community.github.io/helm-charts"
  chart      = "kube-prometheus-stack"
  version    = var.chart_version
  wait       = true
  timeout    = 900

  values = [templatefile("${path.module}/values.yaml.tftpl", {
    storage_class           = var.storage_class
    prometheus_retention    = var.prometheus_retention
    prometheus_storage_size = var.prometheus_storage_size
    control_plane_ips       = var.control_plane_ips
    grafana_admin_secret    = kubernetes_secret_v1.grafana_admin.metadata[0].name
    loki_url                = var.loki_url
    mail_alerts             = local.mail_alerts
    alert_email_to          = var.alert_email_to
    alert_email_from        = var.alert_email_from
    smtp_smarthost          = var.smtp_smarthost
    smtp_username           = var.smtp_username
    smtp_secret             = kubernetes_secret_v1.alertmanager_smtp.metadata[0].name
  })]
}

# Components installed before Prometheus (their charts cannot create ServiceMonitors while
# the CRDs do not exist yet) are scraped through these.
resource "kubectl_manifest" "scrape_longhorn" {
  yaml_body = yamlencode({
    apiVersion = "monitoring.coreos.com/v1"
    kind       = "ServiceMonitor"
    metadata   = { name = "longhorn", namespace = var.namespace }
    spec = {
      namespaceSelector = { matchNames = ["longhorn-system"] }
      selector          = { matchLabels = { app = "longhorn-manager" } }
      endpoints         = [{ port = "manager" }]
    }
  })

  depends_on = [helm_release.kube_prometheus_stack]
}

resource "kubectl_manifest" "scrape_cert_manager" {
  yaml_body = yamlencode({
    apiVersion = "monitoring.coreos.com/v1"
    kind       = "ServiceMonitor"
    metadata   = { name = "cert-manager", namespace = var.namespace }
    spec = {
      namespaceSelector = { matchNames = ["cert-manager"] }
      selector = { matchLabels = {
        "app.kubernetes.io/name"      = "cert-manager"
        "app.kubernetes.io/component" = "controller"
      } }
      endpoints = [{ targetPort = 9402, path = "/metrics" }]
    }
  })

  depends_on = [helm_release.kube_prometheus_stack]
}

# RabbitMQ's exporter (port "prometheus", 15692): the aggregated /metrics, and the per-queue
# series (rabbitmq_detailed_queue_messages{vhost,queue}) that the queue-depth panels and the
# CashbookDeadLetters alert read, which only /metrics/detailed gives.
resource "kubectl_manifest" "scrape_rabbitmq" {
  yaml_body = yamlencode({
    apiVersion = "monitoring.coreos.com/v1"
    kind       = "ServiceMonitor"
    metadata   = { name = "rabbitmq", namespace = var.namespace }
    spec = {
      namespaceSelector = { matchNames = [var.rabbitmq_namespace] }
      selector          = { matchLabels = { "app.kubernetes.io/component" = "rabbitmq" } }
      endpoints = [
        { port = "prometheus", path = "/metrics" },
        {
          port   = "prometheus"
          path   = "/metrics/detailed"
          params = { family = ["queue_coarse_metrics"] }
        },
      ]
    }
  })

  depends_on = [helm_release.kube_prometheus_stack]
}

resource "kubectl_manifest" "scrape_metallb" {
  yaml_body = yamlencode({
    apiVersion = "monitoring.coreos.com/v1"
    kind       = "PodMonitor"
    metadata   = { name = "metallb", namespace = var.namespace }
    spec = {
      namespaceSelector   = { matchNames = ["metallb-system"] }
      selector            = { matchLabels = { "app.kubernetes.io/name" = "metallb" } }
      podMetricsEndpoints = [{ port = "monitoring", path = "/metrics" }]
    }
  })

  depends_on = [helm_release.kube_prometheus_stack]
}

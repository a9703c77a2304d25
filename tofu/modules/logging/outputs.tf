output "namespace" {
  description = "Namespace of Loki and Alloy."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "loki_url" {
  description = "Loki's URL inside the cluster (Grafana's data source)."
  value       = "http://loki.${var.namespace}.svc.cluster.local:3100"
}

output "namespace" {
  description = "Namespace of Prometheus, Alertmanager and Grafana."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "grafana_service" {
  description = "Grafana's service (kubectl -n <namespace> port-forward svc/<name> 3000:80)."
  value       = "kube-prometheus-stack-grafana"
}

output "prometheus_url" {
  description = "Prometheus' URL inside the cluster."
  value       = "http://kube-prometheus-stack-prometheus.${var.namespace}.svc.cluster.local:9090"
}

output "ready" {
  description = "Id of the release; depend on it before creating ServiceMonitors or PrometheusRules."
  value       = helm_release.kube_prometheus_stack.id
}

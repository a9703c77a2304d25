output "namespace" {
  description = "Namespace of the release."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "release_name" {
  description = "Helm release name (deploy workflows upgrade this release)."
  value       = helm_release.cashbook.name
}

output "api_service_url" {
  description = "The API's URL inside the cluster."
  value       = "http://${var.release_name}-api.${var.namespace}.svc:8000"
}

output "secret_names" {
  description = "Secret of each secret group, by group (keys are the environment variable names)."
  value       = { for group in local.group_names : group => kubernetes_secret_v1.group[group].metadata[0].name }
}

output "cron_token" {
  description = "CRON_TOKEN, for calling POST /internal/cron/{job} by hand."
  value       = random_password.cron_token.result
  sensitive   = true
}

output "metrics_token" {
  description = "METRICS_TOKEN, for reading /metrics by hand."
  value       = random_password.metrics_token.result
  sensitive   = true
}

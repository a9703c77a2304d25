output "api_url" {
  description = "Public URL of the API (after the Cloudflare phase)."
  value       = "https://${local.api_hostname}"
}

output "web_url" {
  description = "Public URL of the web app on Cloudflare Pages (after the Cloudflare phase)."
  value       = local.web_url
}

output "pages_project_name" {
  description = "Cloudflare Pages project the workflows deploy frontend/dist to (null before the Cloudflare phase)."
  value       = var.cloudflare_enabled ? module.cloudflare[0].pages_project_name : null
}

output "database_host" {
  description = "MaxScale's read/write-split listener inside the cluster."
  value       = module.mariadb.host
}

output "rabbitmq_host" {
  description = "RabbitMQ's AMQP service inside the cluster."
  value       = module.rabbitmq.host
}

output "grafana" {
  description = "How to open Grafana."
  value       = "kubectl -n ${module.monitoring.namespace} port-forward svc/${module.monitoring.grafana_service} 3000:80"
}

output "cashbook_secrets" {
  description = "Secrets of the Cashbook release, by secret group."
  value       = module.cashbook.secret_names
}

output "namespace" {
  description = "Namespace of the MariaDB cluster."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "host" {
  description = "Host name applications connect to: MaxScale's read/write-split listener."
  value       = "${local.maxscale_name}.${var.namespace}.svc.cluster.local"
}

output "port" {
  description = "Port of MaxScale's read/write-split listener."
  value       = 3306
}

output "database" {
  description = "The application's database."
  value       = var.database
}

output "user_name" {
  description = "The application's database user."
  value       = var.user_name
}

output "primary_host" {
  description = "Service that always points at the current primary (for tools that must bypass MaxScale)."
  value       = "${local.mariadb_name}-primary.${var.namespace}.svc.cluster.local"
}

output "mariadb_name" {
  description = "Name of the MariaDB resource (kubectl -n <namespace> get mariadb <name>)."
  value       = local.mariadb_name
}

output "ready" {
  description = "Id that exists once the database, user and grants are declared; depend on it before starting the application."
  value       = kubectl_manifest.grant.id
}

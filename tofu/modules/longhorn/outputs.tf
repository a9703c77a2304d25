output "namespace" {
  description = "Namespace Longhorn runs in."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "storage_class" {
  description = "Default StorageClass: replica_count replicas of every volume."
  value       = "longhorn"
}

output "storage_class_single" {
  description = "StorageClass with one node-local replica, for workloads that replicate themselves."
  value       = kubernetes_storage_class_v1.single.metadata[0].name
}

output "backup_target" {
  description = "Longhorn backup target URL (empty without S3)."
  value       = local.backup_target
}

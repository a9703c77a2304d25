output "namespace" {
  description = "Namespace MetalLB runs in."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "pool_name" {
  description = "Name of the address pool, for the metallb.io/address-pool annotation."
  value       = var.pool_name
}

output "ready" {
  description = "Id that changes once the pool is configured; depend on it before creating LoadBalancer services."
  value       = kubectl_manifest.l2_advertisement.id
}

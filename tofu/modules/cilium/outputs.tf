output "namespace" {
  description = "Namespace Cilium runs in."
  value       = helm_release.cilium.namespace
}

output "pod_cidr" {
  description = "The pod network Cilium routes (the source addresses of in-cluster proxies)."
  value       = var.pod_cidr
}

output "namespace" {
  description = "Namespace cert-manager runs in."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "internal_issuer" {
  description = "ClusterIssuer that signs with the cluster's internal CA."
  value       = "internal-ca"
}

output "acme_issuer" {
  description = "ClusterIssuer for Let's Encrypt certificates (null when acme_email is empty)."
  value       = local.acme_enabled ? "letsencrypt" : null
}

output "ready" {
  description = "Id that exists once the issuers are configured; depend on it before requesting certificates or installing webhooks that need them."
  value       = kubectl_manifest.internal_ca_issuer.id
}

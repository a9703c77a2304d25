variable "namespace" {
  type        = string
  description = "Namespace cert-manager runs in."
  default     = "cert-manager"
}

variable "chart_version" {
  type        = string
  description = "Version of the cert-manager Helm chart (exact)."
  default     = "v1.19.1"

  validation {
    condition     = can(regex("^v\\d+\\.\\d+\\.\\d+$", var.chart_version))
    error_message = "Pin an exact chart version such as v1.19.1."
  }
}

variable "acme_email" {
  type        = string
  description = "Contact address of the Let's Encrypt account. Empty: no ACME issuer, only the internal CA."
  default     = ""
}

variable "acme_server" {
  type        = string
  description = "ACME directory URL (use the staging directory while testing to avoid rate limits)."
  default     = "https://acme-v02.api.letsencrypt.org/directory"
}

variable "cloudflare_api_token" {
  type        = string
  description = "Cloudflare API token with Zone:DNS:Edit, used by the ACME DNS-01 solver."
  sensitive   = true
}

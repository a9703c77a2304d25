variable "namespace" {
  type        = string
  description = "Namespace of the release (restricted pod security)."
  default     = "cashbook"
}

variable "release_name" {
  type        = string
  description = "Helm release name; the chart's objects and the Secrets below are named after it."
  default     = "cashbook"
}

variable "image_repository" {
  type        = string
  description = "Container image of the API, workers, cron jobs and migrations: the repository deploy-prod.yml pushes, <DOCKER_USER>/cashbook."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._-]*(/[a-z0-9._-]+)+$", var.image_repository))
    error_message = "image_repository is <registry user>/cashbook (or <registry>/<user>/cashbook)."
  }
}

variable "image_tag" {
  type        = string
  description = "Image tag of the first install: main, the tag deploy-prod.yml pushes with every build (later deploys move it to sha-<commit> and pin the digest)."
  default     = "main"
}

variable "image_digest" {
  type        = string
  description = "Image digest (sha256:...) that pins the tag; set it for production."
  default     = ""
}

variable "api_hostname" {
  type        = string
  description = "Public host name of the API (CASHBOOK_PUBLIC_URL is https://<it>)."
}

variable "web_url" {
  type        = string
  description = "Public URL of the web app, used in e-mail links and as the CORS origin."
}

variable "cookie_domain" {
  type        = string
  description = "Parent domain of the web app's and the API's hosts (app.<domain>, api.<domain>): the session cookies are scoped to it so the web app reads the CSRF cookie."
}

variable "forwarded_allow_ips" {
  type        = string
  description = "Proxies whose X-Forwarded-* headers are trusted: the pod network, where cloudflared runs (Talos' default pod CIDR)."
  default     = "10.244.0.0/16"
}

variable "database" {
  type = object({
    host = string
    port = number
    name = string
    user = string
  })
  description = "Where the database is: MaxScale's listener, the database and the application user (from the mariadb module)."
}

variable "database_password" {
  type        = string
  description = "Password of the application's database user."
  sensitive   = true
}

variable "rabbitmq" {
  type = object({
    host     = string
    port     = number
    username = string
    vhost    = string
  })
  description = "Where the broker is and the application's user and vhost (from the rabbitmq module)."
}

variable "rabbitmq_password" {
  type        = string
  description = "Password of the application's RabbitMQ user."
  sensitive   = true
}

variable "db_encryption_key" {
  type        = string
  description = "DB_ENCRYPTION_KEY: the current field-encryption key. Keep a copy outside the cluster: without it the encrypted data is lost."
  sensitive   = true
}

variable "db_encryption_retired_keys" {
  type        = string
  description = "DB_ENCRYPTION_RETIRED_KEYS: older keys, comma separated, kept for decryption during a rotation (empty string: none)."
  sensitive   = true
}

variable "db_blind_index_key" {
  type        = string
  description = "DB_BLIND_INDEX_KEY: the HMAC key of the blind-index columns."
  sensitive   = true
}

variable "smtp" {
  type = object({
    host     = string
    port     = optional(number, 587)
    username = optional(string, "")
    from     = string
    use_tls  = optional(bool, true)
    use_ssl  = optional(bool, false)
  })
  description = "Outgoing mail server of the application (SMTP_*)."
}

variable "smtp_password" {
  type        = string
  description = "SMTP_PASSWORD (empty string when the server needs none)."
  sensitive   = true
}

variable "oidc" {
  type = object({
    issuer_url = optional(string, "")
    name       = optional(string, "")
  })
  description = "A generic OpenID Connect provider's issuer URL and display name (empty: none)."
  default     = {}
}

variable "oauth_credentials" {
  type = object({
    oidc_client_id       = optional(string, "")
    oidc_client_secret   = optional(string, "")
    mojeid_client_id     = optional(string, "")
    mojeid_client_secret = optional(string, "")
    bankid_client_id     = optional(string, "")
    bankid_client_secret = optional(string, "")
    csas_api_key         = optional(string, "")
    csas_client_id       = optional(string, "")
    csas_client_secret   = optional(string, "")
  })
  description = "Client credentials of the login providers and of Česká spořitelna's API; leave out the ones not used."
  sensitive   = true
}

variable "sentry_dsn" {
  type        = string
  description = "SENTRY_DSN (empty string: error reporting off)."
  sensitive   = true
}

variable "sentry_traces_sample_rate" {
  type        = number
  description = "SENTRY_TRACES_SAMPLE_RATE."
  default     = 0.05
}

variable "unirate_api_key" {
  type        = string
  description = "UNIRATE_API_KEY for exchange rates."
  sensitive   = true
}

variable "cloudflared_tunnel_token" {
  type        = string
  description = "Token of the Cloudflare Tunnel (cloudflare module); empty string until the Cloudflare phase, which leaves the connector off."
  sensitive   = true
}

variable "monitoring_enabled" {
  type        = bool
  description = "Install the chart's ServiceMonitor, PrometheusRule and Grafana dashboards (needs the monitoring module)."
  default     = true
}

variable "dashboards_namespace" {
  type        = string
  description = "Namespace the dashboard ConfigMaps go to (Grafana's sidecar watches all)."
  default     = "monitoring"
}

variable "cloudflared_enabled" {
  type        = bool
  description = "Run the tunnel connector (set once the cloudflare module has created the tunnel)."
  default     = false
}

# Inputs of the production environment. terraform.tfvars.example lists every one of them with
# a comment; copy it to terraform.tfvars (ignored by git) and fill it in.

# --- Cluster access -------------------------------------------------------------------

variable "kubeconfig_path" {
  type        = string
  description = "Kubeconfig of the Talos cluster (talosctl kubeconfig writes it)."
  default     = "../../../talos/_out/kubeconfig"
}

variable "kube_context" {
  type        = string
  description = "Context in the kubeconfig to use (null: its current context)."
  default     = null
}

variable "control_plane_ip" {
  type        = string
  description = "Address of the Talos control plane (Prometheus scrapes etcd, the scheduler and the controller manager there)."
}

# --- MetalLB --------------------------------------------------------------------------

variable "metallb_ip_range" {
  type        = string
  description = "LAN addresses MetalLB hands to LoadBalancer services, as first-last or a CIDR, outside the DHCP range."
}

variable "metallb_service_ip" {
  type        = string
  description = "Address (in metallb_ip_range) of the MariaDB service that reaches any server."
}

variable "metallb_primary_ip" {
  type        = string
  description = "Address (in metallb_ip_range) of the MariaDB service that follows the primary."
}

variable "metallb_secondary_ip" {
  type        = string
  description = "Address (in metallb_ip_range) of the MariaDB service over the replicas."
}

variable "metallb_maxscale_ip" {
  type        = string
  description = "Address (in metallb_ip_range) of MaxScale's read/write-split listener, for LAN tools."
}

# --- MariaDB --------------------------------------------------------------------------

variable "mariadb_root_password" {
  type        = string
  description = "Password of MariaDB's root user."
  sensitive   = true
}

variable "mariadb_password" {
  type        = string
  description = "Password of MariaDB's administrative user \"mariadb\" (operators, phpMyAdmin)."
  sensitive   = true
}

variable "mariadb_user_name" {
  type        = string
  description = "The application's database user."
  default     = "cashbook"
}

variable "mariadb_user_host" {
  type        = string
  description = "Host part of the application user's account (% : any address; clients come through MaxScale)."
  default     = "%"
}

variable "mariadb_user_password" {
  type        = string
  description = "Password of the application's database user."
  sensitive   = true
}

variable "phpmyadmin_enabled" {
  type        = bool
  description = "Run phpMyAdmin inside the cluster (reach it with kubectl port-forward)."
  default     = false
}

# --- Backups to S3 --------------------------------------------------------------------

variable "s3_enabled" {
  type        = bool
  description = "Back up MariaDB (logical, daily) and Longhorn volumes (daily) to S3, off the cluster. Turn it off only for a throwaway cluster."
  default     = true
}

variable "s3_bucket" {
  type        = string
  description = "S3 bucket of the backups (MariaDB under mariadb/, Longhorn under longhorn/)."
  default     = ""
}

variable "s3_region" {
  type        = string
  description = "Region of the bucket."
  default     = "us-east-1"
}

variable "s3_endpoint" {
  type        = string
  description = "S3 endpoint host name without scheme, e.g. s3.eu-central-1.amazonaws.com."
  default     = ""
}

variable "s3_key_id" {
  type        = string
  description = "Access key id with read and write access to the bucket (empty string without S3)."
  sensitive   = true
}

variable "s3_key_secret" {
  type        = string
  description = "Secret access key of s3_key_id (empty string without S3)."
  sensitive   = true
}

# --- RabbitMQ -------------------------------------------------------------------------

variable "rabbitmq_password" {
  type        = string
  description = "Password of the application's RabbitMQ user \"cashbook\"."
  sensitive   = true
}

# --- Cloudflare -----------------------------------------------------------------------

variable "cloudflare_enabled" {
  type        = bool
  description = "Second apply phase: create the tunnel, DNS records and Pages project, and start the tunnel connector."
  default     = false
}

variable "cloudflare_account_id" {
  type        = string
  description = "Cloudflare account id."
}

variable "cloudflare_api_token" {
  type        = string
  description = "Cloudflare API token: Account Cloudflare Tunnel:Edit, Account Cloudflare Pages:Edit, Zone DNS:Edit, Zone:Read."
  sensitive   = true
}

variable "cloudflare_email" {
  type        = string
  description = "E-mail of the Cloudflare account owner; also the Let's Encrypt contact of cert-manager's ACME issuer."
}

variable "cloudflare_tunnel_name" {
  type        = string
  description = "Name of the Cloudflare Tunnel."
  default     = "cashbook"
}

variable "cloudflare_domain" {
  type        = string
  description = "Zone on Cloudflare that serves Cashbook: the API at api.<domain>, the web app at app.<domain>."
}

# --- Monitoring -----------------------------------------------------------------------

variable "grafana_admin_password" {
  type        = string
  description = "Password of Grafana's admin user."
  sensitive   = true
}

variable "alert_email_to" {
  type        = string
  description = "Where alerts are mailed (through the application's SMTP server); empty: Alertmanager only."
  default     = ""
}

# --- Cashbook -------------------------------------------------------------------------

variable "cashbook_image_repository" {
  type        = string
  description = "Cashbook image repository: the one deploy-prod.yml pushes, <DOCKER_USER>/cashbook."
}

variable "cashbook_image_tag" {
  type        = string
  description = "Cashbook image tag of the first install (main: the latest build of main)."
  default     = "main"
}

variable "cashbook_image_digest" {
  type        = string
  description = "Digest that pins the image (sha256:...)."
  default     = ""
}

variable "db_encryption_key" {
  type        = string
  description = "DB_ENCRYPTION_KEY, the field-encryption key (see docs/security.md for its format). Keep a copy in the password manager: losing it loses the data."
  sensitive   = true
}

variable "db_encryption_retired_keys" {
  type        = string
  description = "DB_ENCRYPTION_RETIRED_KEYS: previous keys, comma separated, during a rotation (empty string: none)."
  sensitive   = true
}

variable "db_blind_index_key" {
  type        = string
  description = "DB_BLIND_INDEX_KEY, the HMAC key of the blind indexes."
  sensitive   = true
}

variable "smtp_host" {
  type        = string
  description = "SMTP server for the application's mail and for alerts."
}

variable "smtp_port" {
  type        = number
  description = "SMTP port (587 with STARTTLS)."
  default     = 587
}

variable "smtp_username" {
  type        = string
  description = "SMTP user name (empty when the server needs none)."
  default     = ""
}

variable "smtp_from" {
  type        = string
  description = "Sender address of the application's mail and of alerts."
}

variable "smtp_password" {
  type        = string
  description = "SMTP password (empty string when the server needs none)."
  sensitive   = true
}

variable "oidc_issuer_url" {
  type        = string
  description = "Issuer URL of a generic OpenID Connect login provider (empty: none)."
  default     = ""
}

variable "oidc_name" {
  type        = string
  description = "Name of that provider on the login page."
  default     = ""
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
  description = "Client credentials of MojeID, Bank iD, the OIDC provider and Česká spořitelna's API; leave out unused ones."
  sensitive   = true
}

variable "sentry_dsn" {
  type        = string
  description = "SENTRY_DSN (empty string: off)."
  sensitive   = true
}

variable "unirate_api_key" {
  type        = string
  description = "UNIRATE_API_KEY for exchange rates."
  sensitive   = true
}

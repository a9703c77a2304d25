variable "namespace" {
  type        = string
  description = "Namespace of the operator, the MariaDB cluster, MaxScale and phpMyAdmin."
  default     = "mariadb"
}

variable "operator_chart_version" {
  type        = string
  description = "Version of the mariadb-operator and mariadb-operator-crds Helm charts (exact; read the upgrade guide of every release in between before changing it)."
  default     = "25.10.0"

  validation {
    condition     = can(regex("^\\d+\\.\\d+\\.\\d+$", var.operator_chart_version))
    error_message = "Pin an exact chart version such as 25.10.0."
  }
}

variable "replicas" {
  type        = number
  description = "MariaDB servers: one primary and replicas - 1 asynchronous replicas (GTID), each on its own node."
  default     = 3

  validation {
    condition     = var.replicas >= 1
    error_message = "At least one server."
  }
}

variable "storage_size" {
  type        = string
  description = "Size of each server's data volume (it can grow later, not shrink)."
  default     = "10Gi"
}

variable "storage_class" {
  type        = string
  description = "StorageClass of the data volumes; MariaDB replicates itself, so one Longhorn replica suffices."
  default     = "longhorn-single"
}

variable "root_password" {
  type        = string
  description = "Password of the MariaDB root user."
  sensitive   = true
}

variable "admin_username" {
  type        = string
  description = "Administrative user created with the cluster (all privileges; for operators and phpMyAdmin)."
  default     = "mariadb"
}

variable "admin_password" {
  type        = string
  description = "Password of admin_username."
  sensitive   = true
}

variable "database" {
  type        = string
  description = "The application's database."
  default     = "cashbook"
}

variable "user_name" {
  type        = string
  description = "The application's database user (privileges on its database only)."
}

variable "user_host" {
  type        = string
  description = "Host part of the application user's account; % allows any client address (pods connect through MaxScale)."
  default     = "%"
}

variable "user_password" {
  type        = string
  description = "Password of the application user."
  sensitive   = true
}

variable "service_ip" {
  type        = string
  description = "LAN address (from the MetalLB pool) of the service that reaches any server; null keeps it cluster-internal."
  default     = null
}

variable "primary_ip" {
  type        = string
  description = "LAN address of the service that always points at the primary; null keeps it cluster-internal."
  default     = null
}

variable "secondary_ip" {
  type        = string
  description = "LAN address of the service that balances over the replicas; null keeps it cluster-internal."
  default     = null
}

variable "maxscale_ip" {
  type        = string
  description = "LAN address of MaxScale's read/write-split listener; null keeps it cluster-internal."
  default     = null
}

variable "maxscale_replicas" {
  type        = number
  description = "MaxScale instances (they monitor the servers cooperatively; one of them leads failover)."
  default     = 2
}

variable "causal_reads" {
  type        = string
  description = "MaxScale readwritesplit causal_reads mode: global makes a read on a replica wait until it has every write committed before it, from any connection."
  default     = "global"

  validation {
    condition     = contains(["none", "local", "global", "fast", "fast_global", "universal", "fast_universal"], var.causal_reads)
    error_message = "causal_reads is one of none, local, global, fast, fast_global, universal, fast_universal."
  }
}

variable "metrics_enabled" {
  type        = bool
  description = "Export server and MaxScale metrics with ServiceMonitors (needs the monitoring module's CRDs)."
  default     = true
}

variable "s3_enabled" {
  type        = bool
  description = "Schedule logical backups to S3."
  default     = false
}

variable "s3_bucket" {
  type        = string
  description = "S3 bucket for the backups."
  default     = ""
}

variable "s3_region" {
  type        = string
  description = "S3 region of the bucket."
  default     = "us-east-1"
}

variable "s3_endpoint" {
  type        = string
  description = "S3 endpoint host name without scheme (TLS is always used)."
  default     = ""
}

variable "s3_prefix" {
  type        = string
  description = "Folder inside the bucket that holds MariaDB's backups."
  default     = "mariadb"
}

variable "s3_key_id" {
  type        = string
  description = "Access key id for the backup bucket."
  sensitive   = true
}

variable "s3_key_secret" {
  type        = string
  description = "Secret access key for the backup bucket."
  sensitive   = true
}

variable "backup_cron" {
  type        = string
  description = "Cron schedule (UTC) of the logical backup."
  default     = "0 3 * * *"
}

variable "backup_retention" {
  type        = string
  description = "How long backups are kept in S3 (a Go duration)."
  default     = "720h"
}

variable "backup_staging_size" {
  type        = string
  description = "Size of the scratch volume a backup is written to before the upload."
  default     = "10Gi"
}

variable "phpmyadmin_enabled" {
  type        = bool
  description = "Run phpMyAdmin (cluster-internal; reach it with kubectl port-forward)."
  default     = false
}

variable "phpmyadmin_image" {
  type        = string
  description = "phpMyAdmin container image, pinned by tag."
  default     = "phpmyadmin:5.2.2"
}

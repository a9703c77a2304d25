variable "namespace" {
  type        = string
  description = "Namespace Longhorn runs in (the chart only supports longhorn-system)."
  default     = "longhorn-system"
}

variable "chart_version" {
  type        = string
  description = "Version of the longhorn Helm chart (exact; Longhorn upgrades one minor version at a time)."
  default     = "1.10.1"

  validation {
    condition     = can(regex("^\\d+\\.\\d+\\.\\d+$", var.chart_version))
    error_message = "Pin an exact chart version such as 1.10.1."
  }
}

variable "replica_count" {
  type        = number
  description = "Replicas of every volume of the default \"longhorn\" StorageClass, each on a different node."
  default     = 3

  validation {
    condition     = var.replica_count >= 1 && var.replica_count <= 5
    error_message = "Use 1 to 5 replicas (no more than the number of workers)."
  }
}

variable "reclaim_policy" {
  type        = string
  description = "What happens to a volume when its claim is deleted: Retain keeps the data until an operator deletes the PersistentVolume."
  default     = "Retain"

  validation {
    condition     = contains(["Retain", "Delete"], var.reclaim_policy)
    error_message = "reclaim_policy is Retain or Delete."
  }
}

variable "s3_enabled" {
  type        = bool
  description = "Back volumes up to S3 (the backup target and the recurring backup job)."
  default     = false
}

variable "s3_bucket" {
  type        = string
  description = "S3 bucket of the backup target."
  default     = ""
}

variable "s3_region" {
  type        = string
  description = "S3 region of the bucket (any value such as us-east-1 for services without regions)."
  default     = "us-east-1"
}

variable "s3_endpoint" {
  type        = string
  description = "S3 endpoint host name without scheme, e.g. s3.eu-central-1.amazonaws.com or <account>.r2.cloudflarestorage.com."
  default     = ""
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

variable "s3_prefix" {
  type        = string
  description = "Folder inside the bucket that holds Longhorn's backups."
  default     = "longhorn"
}

variable "snapshot_cron" {
  type        = string
  description = "Cron schedule (UTC) of the recurring snapshot job of every volume."
  default     = "0 */6 * * *"
}

variable "snapshot_retain" {
  type        = number
  description = "Snapshots the recurring job keeps per volume."
  default     = 8
}

variable "backup_cron" {
  type        = string
  description = "Cron schedule (UTC) of the recurring backup job of every volume (with s3_enabled)."
  default     = "30 2 * * *"
}

variable "backup_retain" {
  type        = number
  description = "Backups the recurring job keeps per volume in S3."
  default     = 14
}

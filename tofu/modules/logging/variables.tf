variable "namespace" {
  type        = string
  description = "Namespace of Loki and Alloy."
  default     = "logging"
}

variable "loki_chart_version" {
  type        = string
  description = "Version of the grafana/loki Helm chart (exact)."
  default     = "6.49.0"

  validation {
    condition     = can(regex("^\\d+\\.\\d+\\.\\d+$", var.loki_chart_version))
    error_message = "Pin an exact chart version such as 6.49.0."
  }
}

variable "alloy_chart_version" {
  type        = string
  description = "Version of the grafana/alloy Helm chart, the log collector (exact)."
  default     = "1.5.1"

  validation {
    condition     = can(regex("^\\d+\\.\\d+\\.\\d+$", var.alloy_chart_version))
    error_message = "Pin an exact chart version such as 1.5.1."
  }
}

variable "storage_class" {
  type        = string
  description = "StorageClass of Loki's volume (chunks and index on the filesystem)."
  default     = "longhorn"
}

variable "storage_size" {
  type        = string
  description = "Size of Loki's volume."
  default     = "20Gi"
}

variable "retention" {
  type        = string
  description = "How long Loki keeps logs (compactor retention, e.g. 336h)."
  default     = "336h"
}

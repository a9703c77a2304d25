variable "namespace" {
  type        = string
  description = "Namespace of Prometheus, Alertmanager and Grafana (privileged: node-exporter reads the hosts)."
  default     = "monitoring"
}

variable "chart_version" {
  type        = string
  description = "Version of the kube-prometheus-stack Helm chart (exact)."
  default     = "77.5.0"

  validation {
    condition     = can(regex("^\\d+\\.\\d+\\.\\d+$", var.chart_version))
    error_message = "Pin an exact chart version such as 77.5.0."
  }
}

variable "storage_class" {
  type        = string
  description = "StorageClass of the Prometheus, Alertmanager and Grafana volumes."
  default     = "longhorn"
}

variable "prometheus_retention" {
  type        = string
  description = "How long Prometheus keeps samples."
  default     = "15d"
}

variable "prometheus_storage_size" {
  type        = string
  description = "Size of Prometheus' volume; keep it above what the retention needs."
  default     = "30Gi"
}

variable "control_plane_ips" {
  type        = list(string)
  description = "Control-plane node addresses, for scraping etcd, the scheduler and the controller manager (Talos runs them as static pods)."
}

variable "grafana_admin_password" {
  type        = string
  description = "Password of Grafana's admin user."
  sensitive   = true
}

variable "loki_url" {
  type        = string
  description = "Loki's URL inside the cluster, added to Grafana as a data source (empty: none)."
  default     = ""
}

variable "alert_email_to" {
  type        = string
  description = "Where Alertmanager mails alerts; empty keeps them in Alertmanager only."
  default     = ""
}

variable "alert_email_from" {
  type        = string
  description = "Sender address of alert mails."
  default     = ""
}

variable "smtp_smarthost" {
  type        = string
  description = "SMTP relay of alert mails as host:port (STARTTLS is required)."
  default     = ""
}

variable "smtp_username" {
  type        = string
  description = "SMTP user of alert mails."
  default     = ""
}

variable "smtp_password" {
  type        = string
  description = "SMTP password of alert mails (empty string when alerts are not mailed)."
  sensitive   = true
}

variable "rabbitmq_namespace" {
  type        = string
  description = "Namespace of the RabbitmqCluster whose exporter is scraped (per-queue metrics included)."
  default     = "rabbitmq"
}

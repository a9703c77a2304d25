variable "namespace" {
  type        = string
  description = "Namespace of the Cilium agents and operator (kube-system, as Talos' guide installs it)."
  default     = "kube-system"
}

variable "chart_version" {
  type        = string
  description = "Version of the cilium Helm chart (exact, upgrades are deliberate)."
  default     = "1.18.4"

  validation {
    condition     = can(regex("^\\d+\\.\\d+\\.\\d+$", var.chart_version))
    error_message = "Pin an exact chart version such as 1.18.4."
  }
}

variable "pod_cidr" {
  type        = string
  description = "The cluster's pod network (Talos' cluster.network.podSubnets, 10.244.0.0/16 by default)."
  default     = "10.244.0.0/16"
}

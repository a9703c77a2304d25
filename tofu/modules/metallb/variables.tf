variable "namespace" {
  type        = string
  description = "Namespace MetalLB runs in (labelled privileged: the speaker needs host networking)."
  default     = "metallb-system"
}

variable "chart_version" {
  type        = string
  description = "Version of the metallb Helm chart (exact, upgrades are deliberate)."
  default     = "0.15.2"

  validation {
    condition     = can(regex("^\\d+\\.\\d+\\.\\d+$", var.chart_version))
    error_message = "Pin an exact chart version such as 0.15.2."
  }
}

variable "address_pool" {
  type        = list(string)
  description = "LAN addresses MetalLB may hand to LoadBalancer services: ranges (192.0.2.240-192.0.2.250) or CIDRs. Keep them outside the DHCP range."

  validation {
    condition     = length(var.address_pool) > 0
    error_message = "Give at least one address range."
  }
}

variable "pool_name" {
  type        = string
  description = "Name of the IPAddressPool (services can ask for it with the metallb.io/address-pool annotation)."
  default     = "default"
}

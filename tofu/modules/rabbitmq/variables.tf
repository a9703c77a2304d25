variable "namespace" {
  type        = string
  description = "Namespace of the RabbitmqCluster and its user, vhost and permission."
  default     = "rabbitmq"
}

variable "cluster_operator_version" {
  type        = string
  description = "Release of the RabbitMQ Cluster Operator whose manifest is applied (exact tag)."
  default     = "v2.16.0"

  validation {
    condition     = can(regex("^v\\d+\\.\\d+\\.\\d+$", var.cluster_operator_version))
    error_message = "Pin an exact release tag such as v2.16.0."
  }
}

variable "topology_operator_version" {
  type        = string
  description = "Release of the RabbitMQ Messaging Topology Operator (users, vhosts, permissions) whose manifest is applied (exact tag)."
  default     = "v1.17.4"

  validation {
    condition     = can(regex("^v\\d+\\.\\d+\\.\\d+$", var.topology_operator_version))
    error_message = "Pin an exact release tag such as v1.17.4."
  }
}

variable "cluster_name" {
  type        = string
  description = "Name of the RabbitmqCluster; its client service has the same name."
  default     = "rabbitmq"
}

variable "replicas" {
  type        = number
  description = "RabbitMQ nodes. Quorum queues need an odd number: 3 tolerates one node down."
  default     = 3

  validation {
    condition     = var.replicas % 2 == 1
    error_message = "Use an odd number of nodes (1, 3, 5)."
  }
}

variable "storage_size" {
  type        = string
  description = "Size of each node's data volume."
  default     = "8Gi"
}

variable "storage_class" {
  type        = string
  description = "StorageClass of the data volumes; quorum queues replicate themselves, so one Longhorn replica suffices."
  default     = "longhorn-single"
}

variable "vhost" {
  type        = string
  description = "Virtual host of the application (its default queue type is quorum)."
  default     = "cashbook"
}

variable "username" {
  type        = string
  description = "The application's RabbitMQ user (all permissions on its vhost, no management access)."
  default     = "cashbook"
}

variable "password" {
  type        = string
  description = "Password of the application's RabbitMQ user."
  sensitive   = true
}

variable "topology_allowed_namespaces" {
  type        = list(string)
  description = "Namespaces whose Vhost, User and Permission objects may use this cluster (rabbitmq.com/topology-allowed-namespaces): \"*\" for the previews' changing pr-<n> namespaces, which only the preview deployer's RBAC can create objects in."
  default     = ["*"]
}

# RabbitMQ for Cashbook's Celery workers: the Cluster Operator and the Messaging Topology
# Operator (from their pinned release manifests; upstream publishes no Helm chart), a
# RabbitmqCluster whose queues are quorum queues by default, and the application's
# vhost, user and permission.

locals {
  release_base = "https://github.com/rabbitmq"
  labels = {
    "app.kubernetes.io/part-of" = "cashbook"
  }
}

data "http" "cluster_operator" {
  url = "${local.release_base}/cluster-operator/releases/download/${var.cluster_operator_version}/cluster-operator.yml"
}

data "http" "topology_operator" {
  # The variant that takes its webhook certificate from cert-manager.
  url = "${local.release_base}/messaging-topology-operator/releases/download/${var.topology_operator_version}/messaging-topology-operator-with-certmanager.yaml"
}

data "kubectl_file_documents" "cluster_operator" {
  content = data.http.cluster_operator.response_body
}

data "kubectl_file_documents" "topology_operator" {
  content = data.http.topology_operator.response_body
}

resource "kubectl_manifest" "cluster_operator" {
  for_each = data.kubectl_file_documents.cluster_operator.manifests

  yaml_body         = each.value
  server_side_apply = true
  wait              = true
}

resource "kubectl_manifest" "topology_operator" {
  for_each = data.kubectl_file_documents.topology_operator.manifests

  yaml_body         = each.value
  server_side_apply = true
  wait              = true

  depends_on = [kubectl_manifest.cluster_operator]
}

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name = var.namespace
    labels = {
      "pod-security.kubernetes.io/enforce" = "baseline"
      "pod-security.kubernetes.io/warn"    = "restricted"
    }
  }
}

resource "kubectl_manifest" "cluster" {
  yaml_body = yamlencode({
    apiVersion = "rabbitmq.com/v1beta1"
    kind       = "RabbitmqCluster"
    metadata = {
      name      = var.cluster_name
      namespace = kubernetes_namespace_v1.this.metadata[0].name
      labels    = local.labels
      # Lets Vhost, User and Permission objects in other namespaces (each preview's pr-<n>)
      # reference this cluster; the topology operator refuses them otherwise.
      annotations = {
        "rabbitmq.com/topology-allowed-namespaces" = join(",", var.topology_allowed_namespaces)
      }
    }
    spec = {
      replicas = var.replicas
      persistence = {
        storageClassName = var.storage_class
        storage          = var.storage_size
      }
      resources = {
        requests = { cpu = "250m", memory = "1Gi" }
        limits   = { memory = "1Gi" }
      }
      rabbitmq = {
        additionalConfig = <<-CONF
          # Queues declared without x-queue-type are quorum queues (replicated, Raft).
          default_queue_type = quorum
          # Spread quorum queue leaders over the nodes.
          queue_leader_locator = balanced
        CONF
      }
      affinity = {
        podAntiAffinity = {
          requiredDuringSchedulingIgnoredDuringExecution = [{
            topologyKey   = "kubernetes.io/hostname"
            labelSelector = { matchLabels = { "app.kubernetes.io/name" = var.cluster_name } }
          }]
        }
      }
    }
  })

  depends_on = [kubectl_manifest.cluster_operator]
}

resource "kubernetes_secret_v1" "user" {
  metadata {
    name      = "${var.cluster_name}-${var.username}"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  # The Messaging Topology Operator imports username and password from these keys.
  data = {
    username = var.username
    password = var.password
  }
}

resource "kubectl_manifest" "vhost" {
  yaml_body = yamlencode({
    apiVersion = "rabbitmq.com/v1beta1"
    kind       = "Vhost"
    metadata = {
      name      = var.vhost
      namespace = var.namespace
      labels    = local.labels
    }
    spec = {
      name                     = var.vhost
      defaultQueueType         = "quorum"
      rabbitmqClusterReference = { name = var.cluster_name }
    }
  })

  depends_on = [kubectl_manifest.cluster, kubectl_manifest.topology_operator]
}

resource "kubectl_manifest" "user" {
  yaml_body = yamlencode({
    apiVersion = "rabbitmq.com/v1beta1"
    kind       = "User"
    metadata = {
      name      = var.username
      namespace = var.namespace
      labels    = local.labels
    }
    spec = {
      tags                     = []
      rabbitmqClusterReference = { name = var.cluster_name }
      importCredentialsSecret  = { name = kubernetes_secret_v1.user.metadata[0].name }
    }
  })

  depends_on = [kubectl_manifest.cluster, kubectl_manifest.topology_operator]
}

resource "kubectl_manifest" "permission" {
  yaml_body = yamlencode({
    apiVersion = "rabbitmq.com/v1beta1"
    kind       = "Permission"
    metadata = {
      name      = "${var.username}-${var.vhost}"
      namespace = var.namespace
      labels    = local.labels
    }
    spec = {
      vhost                    = var.vhost
      userReference            = { name = var.username }
      permissions              = { configure = ".*", write = ".*", read = ".*" }
      rabbitmqClusterReference = { name = var.cluster_name }
    }
  })

  depends_on = [kubectl_manifest.user, kubectl_manifest.vhost]
}

# Longhorn: replicated block storage on the workers' disks (/var/lib/longhorn, bind-mounted
# into the kubelet by talos/patches/longhorn.yaml), with recurring snapshots and, when
# enabled, backups to S3.

locals {
  backup_target = var.s3_enabled ? "s3://${var.s3_bucket}@${var.s3_region}/${var.s3_prefix}/" : ""
}

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name = var.namespace
    labels = {
      # longhorn-manager and the CSI plugin need privileged, host-level access.
      "pod-security.kubernetes.io/enforce" = "privileged"
      "pod-security.kubernetes.io/audit"   = "privileged"
      "pod-security.kubernetes.io/warn"    = "privileged"
    }
  }
}

resource "kubernetes_secret_v1" "backup_target" {
  count = var.s3_enabled ? 1 : 0

  metadata {
    name      = "longhorn-backup-target"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
  data = {
    AWS_ACCESS_KEY_ID     = var.s3_key_id
    AWS_SECRET_ACCESS_KEY = var.s3_key_secret
    AWS_ENDPOINTS         = "https://${var.s3_endpoint}"
  }

  lifecycle {
    precondition {
      condition     = var.s3_bucket != "" && var.s3_endpoint != "" && !can(regex("://", var.s3_endpoint))
      error_message = "With s3_enabled, set s3_bucket and s3_endpoint (a host name without https://)."
    }
  }
}

resource "helm_release" "longhorn" {
  name       = "longhorn"
  namespace  = kubernetes_namespace_v1.this.metadata[0].name
  repository = "https://charts.longhorn.io"
  chart      = "longhorn"
  version    = var.chart_version
  wait       = true
  timeout    = 900

  values = [templatefile("${path.module}/values.yaml.tftpl", {
    replica_count  = var.replica_count
    reclaim_policy = var.reclaim_policy
    backup_target  = local.backup_target
    backup_secret  = var.s3_enabled ? kubernetes_secret_v1.backup_target[0].metadata[0].name : ""
    data_path      = "/var/lib/longhorn"
  })]
}

# For workloads that replicate their data themselves (MariaDB, RabbitMQ, Loki): one Longhorn
# replica on the pod's own node is enough and avoids paying for replication twice.
resource "kubernetes_storage_class_v1" "single" {
  metadata {
    name = "longhorn-single"
  }
  storage_provisioner    = "driver.longhorn.io"
  reclaim_policy         = var.reclaim_policy
  allow_volume_expansion = true
  volume_binding_mode    = "WaitForFirstConsumer"
  parameters = {
    numberOfReplicas    = "1"
    dataLocality        = "strict-local"
    staleReplicaTimeout = "30"
    fsType              = "ext4"
  }

  depends_on = [helm_release.longhorn]
}

# Volumes without recurring-job labels belong to the "default" group, so these jobs cover
# every volume unless it opts out.
resource "kubectl_manifest" "snapshot_job" {
  yaml_body = yamlencode({
    apiVersion = "longhorn.io/v1beta2"
    kind       = "RecurringJob"
    metadata = {
      name      = "snapshot"
      namespace = var.namespace
    }
    spec = {
      task        = "snapshot"
      cron        = var.snapshot_cron
      retain      = var.snapshot_retain
      concurrency = 2
      groups      = ["default"]
      labels      = { "cashbook.io/job" = "snapshot" }
    }
  })

  depends_on = [helm_release.longhorn]
}

resource "kubectl_manifest" "backup_job" {
  count = var.s3_enabled ? 1 : 0

  yaml_body = yamlencode({
    apiVersion = "longhorn.io/v1beta2"
    kind       = "RecurringJob"
    metadata = {
      name      = "backup"
      namespace = var.namespace
    }
    spec = {
      task        = "backup"
      cron        = var.backup_cron
      retain      = var.backup_retain
      concurrency = 1
      groups      = ["default"]
      labels      = { "cashbook.io/job" = "backup" }
    }
  })

  depends_on = [helm_release.longhorn]
}

resource "kubectl_manifest" "trim_job" {
  yaml_body = yamlencode({
    apiVersion = "longhorn.io/v1beta2"
    kind       = "RecurringJob"
    metadata = {
      name      = "filesystem-trim"
      namespace = var.namespace
    }
    spec = {
      task        = "filesystem-trim"
      cron        = "0 4 * * 0"
      retain      = 0
      concurrency = 1
      groups      = ["default"]
    }
  })

  depends_on = [helm_release.longhorn]
}

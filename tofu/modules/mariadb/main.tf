# mariadb-operator and what it runs for Cashbook: a MariaDB cluster with GTID replication
# (one primary, replicas - 1 replicas), MaxScale in front of it (read/write split with causal
# reads, failover), scheduled logical backups to S3, the application's database, user and
# grants, and optionally phpMyAdmin.

locals {
  mariadb_name  = "mariadb"
  maxscale_name = "maxscale"

  service_ips = {
    service   = var.service_ip
    primary   = var.primary_ip
    secondary = var.secondary_ip
    maxscale  = var.maxscale_ip
  }
  # A LoadBalancer service on a fixed MetalLB address, or a plain ClusterIP service.
  services = {
    for key, ip in local.service_ips : key => {
      type = ip == null ? "ClusterIP" : "LoadBalancer"
      metadata = {
        annotations = { for name, value in { "metallb.io/loadBalancerIPs" = ip } : name => value if value != null }
      }
    }
  }
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

resource "helm_release" "crds" {
  name       = "mariadb-operator-crds"
  namespace  = kubernetes_namespace_v1.this.metadata[0].name
  repository = "https://helm.mariadb.com/mariadb-operator"
  chart      = "mariadb-operator-crds"
  version    = var.operator_chart_version
  wait       = true
}

resource "helm_release" "operator" {
  name       = "mariadb-operator"
  namespace  = kubernetes_namespace_v1.this.metadata[0].name
  repository = "https://helm.mariadb.com/mariadb-operator"
  chart      = "mariadb-operator"
  version    = var.operator_chart_version
  wait       = true
  timeout    = 600

  values = [templatefile("${path.module}/values.yaml.tftpl", {
    metrics_enabled = var.metrics_enabled
  })]

  depends_on = [helm_release.crds]
}

resource "kubernetes_secret_v1" "mariadb" {
  metadata {
    name      = local.mariadb_name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
  data = {
    root-password = var.root_password
    password      = var.admin_password
  }
}

resource "kubernetes_secret_v1" "app" {
  metadata {
    name      = "${local.mariadb_name}-app"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
  data = {
    password = var.user_password
  }
}

resource "kubectl_manifest" "mariadb" {
  yaml_body = yamlencode({
    apiVersion = "k8s.mariadb.com/v1alpha1"
    kind       = "MariaDB"
    metadata = {
      name      = local.mariadb_name
      namespace = var.namespace
    }
    spec = {
      rootPasswordSecretKeyRef = { name = kubernetes_secret_v1.mariadb.metadata[0].name, key = "root-password" }
      username                 = var.admin_username
      passwordSecretKeyRef     = { name = kubernetes_secret_v1.mariadb.metadata[0].name, key = "password" }

      replicas = var.replicas
      replication = {
        enabled        = true
        gtidStrictMode = true
      }
      # MaxScale monitors the servers and performs failover and switchover.
      maxScaleRef = { name = local.maxscale_name }

      storage = {
        size               = var.storage_size
        storageClassName   = var.storage_class
        resizeInUseVolumes = true
      }

      myCnf = <<-CNF
        [mariadb]
        bind-address=*
        default_storage_engine=InnoDB
        binlog_format=row
        innodb_autoinc_lock_mode=2
        max_allowed_packet=256M
        character_set_server=utf8mb4
        collation_server=utf8mb4_unicode_ci
        # MaxScale's causal reads need each write's GTID reported back to the session.
        session_track_system_variables=autocommit,character_set_client,character_set_connection,character_set_results,time_zone,last_gtid
      CNF

      service          = local.services.service
      primaryService   = local.services.primary
      secondaryService = local.services.secondary

      tls = { enabled = true }

      affinity            = { antiAffinityEnabled = true }
      podDisruptionBudget = { maxUnavailable = 1 }
      updateStrategy      = { type = "ReplicasFirstPrimaryLast" }

      resources = {
        requests = { cpu = "250m", memory = "1Gi" }
        limits   = { memory = "2Gi" }
      }

      metrics = { enabled = var.metrics_enabled }
    }
  })

  depends_on = [helm_release.operator]
}

resource "kubectl_manifest" "maxscale" {
  yaml_body = yamlencode({
    apiVersion = "k8s.mariadb.com/v1alpha1"
    kind       = "MaxScale"
    metadata = {
      name      = local.maxscale_name
      namespace = var.namespace
    }
    spec = {
      replicas   = var.maxscale_replicas
      mariaDbRef = { name = local.mariadb_name }

      services = [{
        name   = "rw-router"
        router = "readwritesplit"
        params = {
          # Reads go to replicas, but never see a state older than the client's own writes.
          causal_reads         = var.causal_reads
          causal_reads_timeout = "10s"
          # A transaction interrupted by a failover is replayed on the new primary.
          transaction_replay  = "true"
          master_accept_reads = "true"
        }
        listener = { port = 3306 }
      }]

      monitor = {
        interval              = "2s"
        cooperativeMonitoring = "majority_of_all"
        params = {
          auto_failover                = "true"
          auto_rejoin                  = "true"
          switchover_on_low_disk_space = "true"
        }
      }

      admin = {
        port       = 8989
        guiEnabled = false
      }
      auth = { generate = true }

      kubernetesService = local.services.maxscale
      affinity          = { antiAffinityEnabled = true }
      metrics           = { enabled = var.metrics_enabled }

      resources = {
        requests = { cpu = "100m", memory = "256Mi" }
        limits   = { memory = "512Mi" }
      }
    }
  })

  depends_on = [kubectl_manifest.mariadb]
}

resource "kubectl_manifest" "database" {
  yaml_body = yamlencode({
    apiVersion = "k8s.mariadb.com/v1alpha1"
    kind       = "Database"
    metadata = {
      name      = replace(var.database, "_", "-")
      namespace = var.namespace
    }
    spec = {
      name         = var.database
      mariaDbRef   = { name = local.mariadb_name }
      characterSet = "utf8mb4"
      collate      = "utf8mb4_unicode_ci"
    }
  })

  depends_on = [kubectl_manifest.mariadb]
}

resource "kubectl_manifest" "user" {
  yaml_body = yamlencode({
    apiVersion = "k8s.mariadb.com/v1alpha1"
    kind       = "User"
    metadata = {
      name      = "${replace(var.database, "_", "-")}-app"
      namespace = var.namespace
    }
    spec = {
      name                 = var.user_name
      host                 = var.user_host
      mariaDbRef           = { name = local.mariadb_name }
      passwordSecretKeyRef = { name = kubernetes_secret_v1.app.metadata[0].name, key = "password" }
      maxUserConnections   = 200
    }
  })

  depends_on = [kubectl_manifest.mariadb]
}

resource "kubectl_manifest" "grant" {
  yaml_body = yamlencode({
    apiVersion = "k8s.mariadb.com/v1alpha1"
    kind       = "Grant"
    metadata = {
      name      = "${replace(var.database, "_", "-")}-app"
      namespace = var.namespace
    }
    spec = {
      mariaDbRef = { name = local.mariadb_name }
      # What the API, the workers and Alembic migrations need, on this database only.
      privileges = [
        "SELECT", "INSERT", "UPDATE", "DELETE",
        "CREATE", "ALTER", "DROP", "INDEX", "REFERENCES",
        "CREATE TEMPORARY TABLES", "LOCK TABLES", "CREATE VIEW", "SHOW VIEW",
      ]
      database    = var.database
      table       = "*"
      username    = var.user_name
      host        = var.user_host
      grantOption = false
    }
  })

  depends_on = [kubectl_manifest.user, kubectl_manifest.database]
}

resource "kubernetes_secret_v1" "s3" {
  count = var.s3_enabled ? 1 : 0

  metadata {
    name      = "${local.mariadb_name}-s3"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
  data = {
    access-key-id     = var.s3_key_id
    secret-access-key = var.s3_key_secret
  }

  lifecycle {
    precondition {
      condition     = var.s3_bucket != "" && var.s3_endpoint != "" && !can(regex("://", var.s3_endpoint))
      error_message = "With s3_enabled, set s3_bucket and s3_endpoint (a host name without https://)."
    }
  }
}

resource "kubectl_manifest" "backup" {
  count = var.s3_enabled ? 1 : 0

  yaml_body = yamlencode({
    apiVersion = "k8s.mariadb.com/v1alpha1"
    kind       = "Backup"
    metadata = {
      name      = "${local.mariadb_name}-s3"
      namespace = var.namespace
    }
    spec = {
      mariaDbRef   = { name = local.mariadb_name }
      schedule     = { cron = var.backup_cron, suspend = false }
      timeZone     = "UTC"
      maxRetention = var.backup_retention
      compression  = "gzip"
      args         = ["--single-transaction", "--all-databases"]
      storage = {
        s3 = {
          bucket                      = var.s3_bucket
          prefix                      = var.s3_prefix
          endpoint                    = var.s3_endpoint
          region                      = var.s3_region
          accessKeyIdSecretKeyRef     = { name = kubernetes_secret_v1.s3[0].metadata[0].name, key = "access-key-id" }
          secretAccessKeySecretKeyRef = { name = kubernetes_secret_v1.s3[0].metadata[0].name, key = "secret-access-key" }
          tls                         = { enabled = true }
        }
      }
      stagingStorage = {
        persistentVolumeClaim = {
          accessModes = ["ReadWriteOnce"]
          resources   = { requests = { storage = var.backup_staging_size } }
        }
      }
      resources = {
        requests = { cpu = "100m", memory = "128Mi" }
        limits   = { memory = "1Gi" }
      }
    }
  })

  depends_on = [kubectl_manifest.mariadb]
}

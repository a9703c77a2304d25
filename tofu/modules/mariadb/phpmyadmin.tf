# Optional phpMyAdmin, cluster-internal only: reach it with
#   kubectl -n mariadb port-forward svc/phpmyadmin 8080:80
# It talks to MaxScale, so writes go to the primary like the application's.

locals {
  phpmyadmin_labels = {
    "app.kubernetes.io/name"      = "phpmyadmin"
    "app.kubernetes.io/component" = "database-admin"
  }
}

resource "kubernetes_deployment_v1" "phpmyadmin" {
  count = var.phpmyadmin_enabled ? 1 : 0

  metadata {
    name      = "phpmyadmin"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.phpmyadmin_labels
  }

  spec {
    replicas = 1
    selector {
      match_labels = local.phpmyadmin_labels
    }

    template {
      metadata {
        labels = local.phpmyadmin_labels
      }

      spec {
        automount_service_account_token = false

        security_context {
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        container {
          name = "phpmyadmin"
          # checkov:skip=CKV_K8S_43:Pinned by tag (phpmyadmin_image); digests are resolved when the version is bumped, not here.
          image             = var.phpmyadmin_image
          image_pull_policy = "IfNotPresent"

          env {
            name  = "PMA_HOST"
            value = "${local.maxscale_name}.${var.namespace}.svc.cluster.local"
          }
          env {
            name  = "PMA_PORT"
            value = "3306"
          }
          env {
            # Listen on an unprivileged port.
            name  = "APACHE_PORT"
            value = "8080"
          }

          port {
            name           = "http"
            container_port = 8080
          }

          # The official image starts Apache as root, writes its generated config and then
          # serves as www-data; it cannot start as a non-root user or on a read-only root.
          # checkov:skip=CKV_K8S_22:The image writes its config at start-up (see above).
          # checkov:skip=CKV_K8S_23:The image starts as root and drops to www-data (see above).
          # checkov:skip=CKV_K8S_40:The image starts as root and drops to www-data (see above).
          # checkov:skip=CKV_K8S_37:Apache needs SETUID/SETGID/CHOWN to drop to www-data.
          security_context {
            allow_privilege_escalation = false
            privileged                 = false
            capabilities {
              drop = ["NET_RAW"]
            }
          }

          resources {
            requests = {
              cpu    = "10m"
              memory = "64Mi"
            }
            limits = {
              cpu    = "500m"
              memory = "256Mi"
            }
          }

          liveness_probe {
            tcp_socket {
              port = "http"
            }
            period_seconds = 20
          }
          readiness_probe {
            http_get {
              path = "/"
              port = "http"
            }
            period_seconds = 10
          }
        }
      }
    }
  }

  depends_on = [kubectl_manifest.maxscale]
}

resource "kubernetes_service_v1" "phpmyadmin" {
  count = var.phpmyadmin_enabled ? 1 : 0

  metadata {
    name      = "phpmyadmin"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.phpmyadmin_labels
  }

  spec {
    type     = "ClusterIP"
    selector = local.phpmyadmin_labels
    port {
      name        = "http"
      port        = 80
      target_port = "http"
    }
  }
}

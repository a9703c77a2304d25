# The Cashbook release: the local chart (charts/cashbook) with every secret group in a
# Secret created here from variables (keys are the environment variable names, as the chart
# expects from <group>.existingSecret). Database, user and grants come from the mariadb
# module, vhost and user from the rabbitmq module, so the chart's own operator resources
# stay off.

locals {
  chart_path = "${path.module}/../../../charts/cashbook"
  labels = {
    "app.kubernetes.io/part-of"    = "cashbook"
    "app.kubernetes.io/managed-by" = "opentofu"
  }

  # Secret group → environment variable → value. Empty values are left out, so an unused
  # integration is absent rather than set to "".
  secret_groups = {
    database = {
      MARIADB_PASSWORD = var.database_password
    }
    rabbitmq = {
      RABBITMQ_PASSWORD = var.rabbitmq_password
    }
    encryption = {
      CASHBOOK_SECRET_KEY        = random_password.secret_key.result
      DB_ENCRYPTION_KEY          = var.db_encryption_key
      DB_ENCRYPTION_RETIRED_KEYS = var.db_encryption_retired_keys
      DB_BLIND_INDEX_KEY         = var.db_blind_index_key
    }
    smtp = {
      SMTP_PASSWORD = var.smtp_password
    }
    oauth = {
      OIDC_CLIENT_ID       = var.oauth_credentials.oidc_client_id
      OIDC_CLIENT_SECRET   = var.oauth_credentials.oidc_client_secret
      MOJEID_CLIENT_ID     = var.oauth_credentials.mojeid_client_id
      MOJEID_CLIENT_SECRET = var.oauth_credentials.mojeid_client_secret
      BANKID_CLIENT_ID     = var.oauth_credentials.bankid_client_id
      BANKID_CLIENT_SECRET = var.oauth_credentials.bankid_client_secret
      CSAS_API_KEY         = var.oauth_credentials.csas_api_key
      CSAS_CLIENT_ID       = var.oauth_credentials.csas_client_id
      CSAS_CLIENT_SECRET   = var.oauth_credentials.csas_client_secret
    }
    sentry = {
      SENTRY_DSN = var.sentry_dsn
    }
    unirate = {
      UNIRATE_API_KEY = var.unirate_api_key
    }
    cron = {
      CRON_TOKEN = random_password.cron_token.result
    }
    metrics = {
      METRICS_TOKEN = random_password.metrics_token.result
    }
    cloudflared = {
      TUNNEL_TOKEN = var.cloudflared_tunnel_token
    }
  }
  group_names = ["database", "rabbitmq", "encryption", "smtp", "oauth", "sentry", "unirate", "cron", "metrics", "cloudflared"]
}

# Generated once and kept in the state; rotate with `tofu apply -replace=...`
# (docs/operations.md). The field-encryption keys are variables instead: they must outlive
# any state file.
resource "random_password" "secret_key" {
  length  = 64
  special = false
}

resource "random_password" "cron_token" {
  length  = 48
  special = false
}

resource "random_password" "metrics_token" {
  length  = 48
  special = false
}

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name = var.namespace
    labels = merge(local.labels, {
      "pod-security.kubernetes.io/enforce" = "restricted"
      "pod-security.kubernetes.io/warn"    = "restricted"
    })
  }
}

resource "kubernetes_secret_v1" "group" {
  for_each = toset(local.group_names)

  metadata {
    name      = "${var.release_name}-${each.key}"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = merge(local.labels, { "cashbook.io/secret-group" = each.key })
  }
  data = { for name, value in local.secret_groups[each.key] : name => value if value != "" }
}

resource "helm_release" "cashbook" {
  name        = var.release_name
  namespace   = kubernetes_namespace_v1.this.metadata[0].name
  chart       = local.chart_path
  wait        = true
  timeout     = 900
  max_history = 10

  # The chart's production defaults, then what the platform produces. deploy-prod.yml upgrades
  # this release with --reset-then-reuse-values and only the image, so these values stay.
  values = [file("${local.chart_path}/values-prod.yaml"), templatefile("${path.module}/values.yaml.tftpl", {
    image_repository     = var.image_repository
    image_tag            = var.image_tag
    image_digest         = var.image_digest
    public_url           = "https://${var.api_hostname}"
    web_url              = var.web_url
    cookie_domain        = var.cookie_domain
    secrets_revision     = sha256(jsonencode(local.secret_groups))
    forwarded_allow_ips  = var.forwarded_allow_ips
    database             = var.database
    rabbitmq             = var.rabbitmq
    smtp                 = var.smtp
    oidc                 = var.oidc
    sentry_traces        = var.sentry_traces_sample_rate
    secret               = { for group in local.group_names : group => kubernetes_secret_v1.group[group].metadata[0].name }
    cloudflared_enabled  = var.cloudflared_enabled
    api_hostname         = var.api_hostname
    monitoring_enabled   = var.monitoring_enabled
    dashboards_namespace = var.dashboards_namespace
  })]
}

# The account deploy-pr.yml runs as: limited to namespaces named pr-<n> (RBAC plus an
# admission policy); production's Secrets are out of its reach.
data "kubectl_file_documents" "preview_deployer" {
  content = file("${path.module}/preview-deployer.yaml")
}

resource "kubectl_manifest" "preview_deployer" {
  for_each = data.kubectl_file_documents.preview_deployer.manifests

  yaml_body         = each.value
  server_side_apply = true
}

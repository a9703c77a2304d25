# Production: Talos cluster → platform components → Cashbook → Cloudflare.
#
# Two phases (docs/deployment.md): the first apply, with cloudflare_enabled = false, builds
# everything inside the cluster; the second, with cloudflare_enabled = true, creates the
# Cloudflare Tunnel, DNS records and the Pages project and starts the tunnel connector.

locals {
  api_hostname = "api.${var.cloudflare_domain}"
  web_url      = "https://app.${var.cloudflare_domain}"
}

# The CNI first: Talos installs none (talos/patches/common.yaml), so nothing else can run
# before it, and Cilium enforces the NetworkPolicies the Cashbook chart relies on.
module "cilium" {
  source = "../../modules/cilium"
}

module "metallb" {
  source = "../../modules/metallb"

  address_pool = [var.metallb_ip_range]

  depends_on = [module.cilium]
}

module "cert_manager" {
  source = "../../modules/cert-manager"

  acme_email           = var.cloudflare_email
  cloudflare_api_token = var.cloudflare_api_token
}

module "longhorn" {
  source = "../../modules/longhorn"

  s3_enabled    = var.s3_enabled
  s3_bucket     = var.s3_bucket
  s3_region     = var.s3_region
  s3_endpoint   = var.s3_endpoint
  s3_key_id     = var.s3_key_id
  s3_key_secret = var.s3_key_secret
}

module "monitoring" {
  source = "../../modules/monitoring"

  storage_class          = module.longhorn.storage_class
  control_plane_ips      = [var.control_plane_ip]
  grafana_admin_password = var.grafana_admin_password
  loki_url               = "http://loki.logging.svc.cluster.local:3100"
  alert_email_to         = var.alert_email_to
  alert_email_from       = var.smtp_from
  smtp_smarthost         = "${var.smtp_host}:${var.smtp_port}"
  smtp_username          = var.smtp_username
  smtp_password          = var.smtp_password

  depends_on = [module.metallb, module.cert_manager]
}

module "logging" {
  source = "../../modules/logging"

  storage_class = module.longhorn.storage_class

  depends_on = [module.monitoring]
}

module "mariadb" {
  source = "../../modules/mariadb"

  storage_class      = module.longhorn.storage_class_single
  root_password      = var.mariadb_root_password
  admin_password     = var.mariadb_password
  user_name          = var.mariadb_user_name
  user_host          = var.mariadb_user_host
  user_password      = var.mariadb_user_password
  service_ip         = var.metallb_service_ip
  primary_ip         = var.metallb_primary_ip
  secondary_ip       = var.metallb_secondary_ip
  maxscale_ip        = var.metallb_maxscale_ip
  phpmyadmin_enabled = var.phpmyadmin_enabled
  s3_enabled         = var.s3_enabled
  s3_bucket          = var.s3_bucket
  s3_region          = var.s3_region
  s3_endpoint        = var.s3_endpoint
  s3_key_id          = var.s3_key_id
  s3_key_secret      = var.s3_key_secret

  # ServiceMonitors need the monitoring CRDs; LoadBalancer services need the address pool.
  depends_on = [module.monitoring, module.metallb]
}

module "rabbitmq" {
  source = "../../modules/rabbitmq"

  storage_class = module.longhorn.storage_class_single
  password      = var.rabbitmq_password

  # The Messaging Topology Operator takes its webhook certificate from cert-manager.
  depends_on = [module.cert_manager, module.monitoring]
}

module "cloudflare" {
  source = "../../modules/cloudflare"
  count  = var.cloudflare_enabled ? 1 : 0

  account_id  = var.cloudflare_account_id
  domain      = var.cloudflare_domain
  tunnel_name = var.cloudflare_tunnel_name
}

module "cashbook" {
  source = "../../modules/cashbook"

  # Only proxies in the pod network (cloudflared; NetworkPolicies keep every other pod off the
  # API) may set X-Forwarded-*.
  forwarded_allow_ips = module.cilium.pod_cidr
  image_repository    = var.cashbook_image_repository
  image_tag           = var.cashbook_image_tag
  image_digest        = var.cashbook_image_digest
  api_hostname        = local.api_hostname
  web_url             = local.web_url
  cookie_domain       = var.cloudflare_domain

  database = {
    host = module.mariadb.host
    port = module.mariadb.port
    name = module.mariadb.database
    user = module.mariadb.user_name
  }
  database_password = var.mariadb_user_password

  rabbitmq = {
    host     = module.rabbitmq.host
    port     = module.rabbitmq.port
    username = module.rabbitmq.username
    vhost    = module.rabbitmq.vhost
  }
  rabbitmq_password = var.rabbitmq_password

  db_encryption_key          = var.db_encryption_key
  db_encryption_retired_keys = var.db_encryption_retired_keys
  db_blind_index_key         = var.db_blind_index_key

  smtp = {
    host     = var.smtp_host
    port     = var.smtp_port
    username = var.smtp_username
    from     = var.smtp_from
  }
  smtp_password = var.smtp_password

  oidc = {
    issuer_url = var.oidc_issuer_url
    name       = var.oidc_name
  }
  oauth_credentials = var.oauth_credentials
  sentry_dsn        = var.sentry_dsn
  unirate_api_key   = var.unirate_api_key

  cloudflared_enabled      = var.cloudflare_enabled
  cloudflared_tunnel_token = var.cloudflare_enabled ? module.cloudflare[0].tunnel_token : ""

  depends_on = [module.mariadb, module.rabbitmq, module.monitoring, module.logging]
}

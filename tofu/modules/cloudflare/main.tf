# Cloudflare in front of Cashbook:
# - a Cloudflare Tunnel, so no port is opened on the LAN's router. It is locally managed: its
#   connector (cloudflared, part of the Cashbook release) carries the routes - api.<domain> to
#   the API, /metrics and /internal/* answered 404 - and runs with the token this module
#   outputs;
# - DNS: api.<domain> → the tunnel, app.<domain> → the Pages project;
# - the Cloudflare Pages project the workflows deploy the web app to.

locals {
  api_hostname = "${var.api_subdomain}.${var.domain}"
  app_hostname = "${var.app_subdomain}.${var.domain}"
}

data "cloudflare_zone" "this" {
  filter = {
    name = var.domain
  }
}

resource "random_bytes" "tunnel_secret" {
  length = 32
}

resource "cloudflare_zero_trust_tunnel_cloudflared" "this" {
  account_id    = var.account_id
  name          = var.tunnel_name
  config_src    = "local"
  tunnel_secret = random_bytes.tunnel_secret.base64
}

data "cloudflare_zero_trust_tunnel_cloudflared_token" "this" {
  account_id = var.account_id
  tunnel_id  = cloudflare_zero_trust_tunnel_cloudflared.this.id
}

resource "cloudflare_dns_record" "api" {
  zone_id = data.cloudflare_zone.this.id
  name    = local.api_hostname
  type    = "CNAME"
  content = "${cloudflare_zero_trust_tunnel_cloudflared.this.id}.cfargotunnel.com"
  proxied = true
  ttl     = 1
  comment = "Cashbook API through Cloudflare Tunnel (managed by OpenTofu)"
}

resource "cloudflare_pages_project" "app" {
  account_id        = var.account_id
  name              = var.pages_project_name
  production_branch = var.pages_production_branch

  # A preview (branch pr-<n>) reaches its API, pr-<n>.<domain>, through the project's Pages
  # Function at /api/* (frontend/functions/api/), which reads this variable.
  deployment_configs = {
    preview = {
      env_vars = {
        PREVIEW_API_URL = {
          type  = "plain_text"
          value = "https://{branch}.${var.domain}"
        }
      }
    }
  }
}

resource "cloudflare_pages_domain" "app" {
  account_id   = var.account_id
  project_name = cloudflare_pages_project.app.name
  name         = local.app_hostname
}

resource "cloudflare_dns_record" "app" {
  zone_id = data.cloudflare_zone.this.id
  name    = local.app_hostname
  type    = "CNAME"
  content = cloudflare_pages_project.app.subdomain
  proxied = true
  ttl     = 1
  comment = "Cashbook web app on Cloudflare Pages (managed by OpenTofu)"
}

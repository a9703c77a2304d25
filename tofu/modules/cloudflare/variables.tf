variable "account_id" {
  type        = string
  description = "Cloudflare account id (dashboard → Account home → the id in the URL or the sidebar)."
}

variable "domain" {
  type        = string
  description = "The Cloudflare zone Cashbook is served from, e.g. example.com."
}

variable "tunnel_name" {
  type        = string
  description = "Name of the Cloudflare Tunnel that connects the cluster to Cloudflare's edge."
}

variable "api_subdomain" {
  type        = string
  description = "Subdomain of the API (api → api.<domain>), routed through the tunnel."
  default     = "api"
}

variable "app_subdomain" {
  type        = string
  description = "Subdomain of the web app on Cloudflare Pages (app → app.<domain>)."
  default     = "app"
}

variable "pages_project_name" {
  type        = string
  description = "Name of the Cloudflare Pages project of the web app (its <name>.pages.dev subdomain)."
  default     = "cashbook"
}

variable "pages_production_branch" {
  type        = string
  description = "Git branch whose deployments are Pages production deployments (others are previews)."
  default     = "main"
}

output "tunnel_id" {
  description = "Id of the Cloudflare Tunnel."
  value       = cloudflare_zero_trust_tunnel_cloudflared.this.id
}

output "api_url" {
  description = "Public URL of the API."
  value       = "https://${local.api_hostname}"
}

output "app_url" {
  description = "Public URL of the web app."
  value       = "https://${local.app_hostname}"
}

output "pages_project_name" {
  description = "Name of the Pages project the workflows deploy frontend/dist to."
  value       = cloudflare_pages_project.app.name
}

output "pages_subdomain" {
  description = "The Pages project's own <name>.pages.dev host (previews live under it)."
  value       = cloudflare_pages_project.app.subdomain
}

output "tunnel_token" {
  description = "Token cloudflared runs the tunnel with (the Cashbook release's connector)."
  value       = data.cloudflare_zero_trust_tunnel_cloudflared_token.this.token
  sensitive   = true
}

output "api_hostname" {
  description = "Public host name of the API, routed by the connector's ingress rules."
  value       = local.api_hostname
}

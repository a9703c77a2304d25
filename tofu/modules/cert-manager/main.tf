# cert-manager with two ClusterIssuers:
# - "internal-ca": a self-signed CA for in-cluster TLS (operators' webhooks, LAN dashboards);
# - "letsencrypt": ACME with DNS-01 through Cloudflare, for names on the public domain
#   that are served on the LAN (public traffic gets Cloudflare's certificate at the edge).

locals {
  acme_enabled = var.acme_email != ""
}

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name = var.namespace
    labels = {
      "pod-security.kubernetes.io/enforce" = "restricted"
      "pod-security.kubernetes.io/warn"    = "restricted"
    }
  }
}

resource "helm_release" "cert_manager" {
  name       = "cert-manager"
  namespace  = kubernetes_namespace_v1.this.metadata[0].name
  repository = "https://charts.jetstack.io"
  chart      = "cert-manager"
  version    = var.chart_version
  wait       = true
  timeout    = 600

  values = [templatefile("${path.module}/values.yaml.tftpl", {})]
}

resource "kubectl_manifest" "selfsigned" {
  yaml_body = yamlencode({
    apiVersion = "cert-manager.io/v1"
    kind       = "ClusterIssuer"
    metadata   = { name = "selfsigned" }
    spec       = { selfSigned = {} }
  })

  depends_on = [helm_release.cert_manager]
}

resource "kubectl_manifest" "internal_ca_certificate" {
  yaml_body = yamlencode({
    apiVersion = "cert-manager.io/v1"
    kind       = "Certificate"
    metadata = {
      name      = "internal-ca"
      namespace = var.namespace
    }
    spec = {
      isCA       = true
      commonName = "cashbook internal CA"
      secretName = "internal-ca"
      duration   = "87600h" # 10 years; rotating it means re-issuing every leaf
      privateKey = {
        algorithm = "ECDSA"
        size      = 256
      }
      issuerRef = {
        name  = "selfsigned"
        kind  = "ClusterIssuer"
        group = "cert-manager.io"
      }
    }
  })

  depends_on = [kubectl_manifest.selfsigned]
}

resource "kubectl_manifest" "internal_ca_issuer" {
  yaml_body = yamlencode({
    apiVersion = "cert-manager.io/v1"
    kind       = "ClusterIssuer"
    metadata   = { name = "internal-ca" }
    spec       = { ca = { secretName = "internal-ca" } }
  })

  depends_on = [kubectl_manifest.internal_ca_certificate]
}

resource "kubernetes_secret_v1" "cloudflare_token" {
  count = local.acme_enabled ? 1 : 0

  metadata {
    name      = "cloudflare-api-token"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
  data = {
    api-token = var.cloudflare_api_token
  }
}

resource "kubectl_manifest" "letsencrypt" {
  count = local.acme_enabled ? 1 : 0

  yaml_body = yamlencode({
    apiVersion = "cert-manager.io/v1"
    kind       = "ClusterIssuer"
    metadata   = { name = "letsencrypt" }
    spec = {
      acme = {
        email               = var.acme_email
        server              = var.acme_server
        privateKeySecretRef = { name = "letsencrypt-account-key" }
        solvers = [{
          dns01 = {
            cloudflare = {
              apiTokenSecretRef = {
                name = kubernetes_secret_v1.cloudflare_token[0].metadata[0].name
                key  = "api-token"
              }
            }
          }
        }]
      }
    }
  })

  depends_on = [helm_release.cert_manager]
}

output "namespace" {
  description = "Namespace of the RabbitmqCluster."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "host" {
  description = "Host name of the AMQP service."
  value       = "${var.cluster_name}.${var.namespace}.svc.cluster.local"
}

output "port" {
  description = "AMQP port of the client service."
  value       = 5672
}

output "vhost" {
  description = "The application's virtual host."
  value       = var.vhost
}

output "username" {
  description = "The application's RabbitMQ user."
  value       = var.username
}

output "ready" {
  description = "Id that exists once the permission is declared; depend on it before starting the application."
  value       = kubectl_manifest.permission.id
}

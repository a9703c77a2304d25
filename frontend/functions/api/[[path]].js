// Cloudflare Pages Function of the web app: a preview deployment (branch alias
// pr-<n>.<project>.pages.dev, built with VITE_BACKEND_URL=/api) reaches its preview API through
// /api/*, so the app and the API share one origin: first-party host-only cookies, no CORS and
// no third-party cookies. The production app (app.<domain>) calls api.<domain> directly and
// never comes here. PREVIEW_API_URL is a variable of the project's preview environment
// (OpenTofu's cloudflare module sets it), e.g. https://{branch}.example.org.

/** The preview API's URL for a request to /api/..., or null when the host is no preview. */
export function upstreamUrl(requestUrl, template) {
  const url = new URL(requestUrl)
  const branch = url.hostname.split('.')[0]
  if (!template || !/^pr-\d+$/.test(branch)) return null
  const path = url.pathname.replace(/^\/api(?=\/|$)/, '') || '/'
  return `${template.replaceAll('{branch}', branch).replace(/\/+$/, '')}${path}${url.search}`
}

export async function onRequest({ request, env }) {
  const target = upstreamUrl(request.url, env.PREVIEW_API_URL)
  if (target === null) return new Response('Not found', { status: 404 })
  const headers = new Headers(request.headers)
  headers.delete('host')
  const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.arrayBuffer()
  // Redirects (the OpenID sign-in) and Set-Cookie go back to the browser untouched.
  return fetch(target, { method: request.method, headers, body, redirect: 'manual' })
}

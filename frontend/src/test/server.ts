import { vi } from 'vitest'

export interface Call {
  method: string
  path: string
  query: URLSearchParams
  headers: Headers
  body: string
}

type Handler = (call: Call) => { status: number; body?: unknown }

/** Stands in for the API at the fetch boundary: answers by "METHOD /path" and records calls. */
export function fakeApi(routes: Record<string, Handler | { status: number; body?: unknown }>) {
  const calls: Call[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request =
      input instanceof Request
        ? input
        : new Request(new URL(String(input), 'http://localhost'), init)
    const url = new URL(request.url)
    const call: Call = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: request.body ? await request.clone().text() : '',
    }
    calls.push(call)
    const route = routes[`${call.method} ${call.path}`]
    if (!route) return new Response(JSON.stringify({ detail: 'Not Found' }), { status: 404 })
    const { status, body } = typeof route === 'function' ? route(call) : route
    return new Response(status === 204 ? null : JSON.stringify(body ?? {}), {
      status,
      headers: { 'Content-Type': 'application/json' },
    })
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls }
}

export const USER = {
  id: '7d0f7f5e-1f0e-4a57-9d47-3b9f5f0c1a11',
  email: 'jana@example.com',
  is_active: true,
  is_superuser: false,
  is_verified: true,
  first_name: 'Jana',
  last_name: 'Nováková',
  base_currency: 'CZK',
  language: 'cs',
  created_at: '2026-01-01T00:00:00Z',
}

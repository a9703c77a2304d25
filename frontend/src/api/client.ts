import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from '@/api/gen/schema'
import { ApiError, toApiError } from '@/api/errors'
import { env } from '@/config/env'

export const CSRF_COOKIE = 'cashbook_csrf'
export const CSRF_HEADER = 'X-CSRF-Token'
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function readCookie(name: string): string | undefined {
  for (const pair of document.cookie.split(';')) {
    const [key, ...value] = pair.trim().split('=')
    if (key === name) return decodeURIComponent(value.join('='))
  }
  return undefined
}

type Listener = () => void
const unauthorisedListeners = new Set<Listener>()

/** Called whenever an API call answers 401: the session is gone (expired or revoked). */
export function onUnauthorised(listener: Listener): () => void {
  unauthorisedListeners.add(listener)
  return () => unauthorisedListeners.delete(listener)
}

const session: Middleware = {
  onRequest({ request }) {
    // The session cookie is httpOnly; the CSRF cookie is readable and echoed on unsafe requests.
    const token = readCookie(CSRF_COOKIE)
    if (token && UNSAFE_METHODS.has(request.method)) request.headers.set(CSRF_HEADER, token)
    return request
  },
  onResponse({ response, request }) {
    const path = new URL(request.url).pathname
    if (response.status === 401 && !path.includes('/auth/')) {
      for (const listener of unauthorisedListeners) listener()
    }
    return response
  },
}

export const api = createClient<paths>({
  // Absolute, as the Request constructor wants: the app's own origin in one-machine mode.
  baseUrl: new URL(env.backendUrl, window.location.origin).href.replace(/\/+$/, ''),
  credentials: 'include',
  // Looked up at call time, so tests can stand in for the network.
  fetch: (input) => globalThis.fetch(input),
})
api.use(session)

interface Answer<T> {
  data?: T
  error?: unknown
  response: Response
}

/** The data of a successful answer; otherwise throws an ApiError with a readable message. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call
  if (!response.ok) throw toApiError(response.status, error)
  return data as T
}

export { ApiError }

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { request } from '@/api/client'
import type { components } from '@/api/gen/schema'

export type Identity = components['schemas']['IdentityRead']

const identitiesKey = ['users', 'me', 'identities'] as const

export function useIdentities() {
  return useQuery({
    queryKey: identitiesKey,
    queryFn: () => request<Identity[]>('/users/me/identities'),
  })
}

/** Start linking a provider: the browser goes to the provider and comes back to Settings. */
export function useLinkProvider() {
  return useMutation({
    mutationFn: (name: string) =>
      request<{ authorization_url: string }>(
        `/auth/${encodeURIComponent(name)}/associate/authorize`,
      ),
    onSuccess: ({ authorization_url }) => window.location.assign(authorization_url),
  })
}

export function useUnlinkProvider() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      request<undefined>(`/users/me/identities/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identitiesKey }),
  })
}

/** What a return from linking says: `?linked=<provider>` or `?error=<code>`. */
export function linkOutcome(
  params: URLSearchParams,
): { tone: 'error'; code: string } | { tone: 'success'; provider: string } | null {
  const code = params.get('error')
  if (code) return { tone: 'error', code }
  const provider = params.get('linked')
  if (provider) return { tone: 'success', provider }
  return null
}

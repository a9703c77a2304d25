import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { components } from '@/api/gen/schema'
import { queryKeys } from '@/api/query-keys'

export type Identity = components['schemas']['IdentityRead']

export function useIdentities() {
  return useQuery({
    queryKey: queryKeys.identities,
    queryFn: () => unwrap(api.GET('/users/me/identities')),
  })
}

/** Start linking a provider: the browser goes to the provider and comes back to Settings. */
export function useLinkProvider() {
  return useMutation({
    mutationFn: (provider: string) =>
      unwrap(api.GET('/auth/{provider}/associate/authorize', { params: { path: { provider } } })),
    onSuccess: ({ authorization_url }) => window.location.assign(authorization_url),
  })
}

export function useUnlinkProvider() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (identity_id: string) =>
      unwrap(
        api.DELETE('/users/me/identities/{identity_id}', { params: { path: { identity_id } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.identities }),
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

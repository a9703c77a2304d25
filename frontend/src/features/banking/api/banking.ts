import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { components } from '@/api/gen/schema'
import { invalidate, LEDGER_KEYS, queryKeys } from '@/api/query-keys'

export type BankProvider = components['schemas']['BankProviderRead']
export type BankConnection = components['schemas']['BankConnectionRead']
type ProviderName = components['schemas']['BankConnectionCreate']['provider']

export function useBankProviders() {
  return useQuery({
    queryKey: queryKeys.bank.providers,
    queryFn: () => unwrap(api.GET('/bank/providers')),
    staleTime: Infinity,
  })
}

/** A connection is being synced when its last run has not finished yet. */
export function isSyncing(connection: BankConnection): boolean {
  const status = connection.last_sync?.status
  return status === 'queued' || status === 'running'
}

export function useBankConnections() {
  return useQuery({
    queryKey: queryKeys.bank.connections,
    queryFn: () => unwrap(api.GET('/bank/connections')),
    // While a sync runs, look again every few seconds; otherwise only on focus.
    refetchInterval: (query) =>
      query.state.data?.some(
        (connection) => isSyncing(connection) || connection.status === 'pending',
      )
        ? 3000
        : false,
  })
}

function useInvalidateBank() {
  const queryClient = useQueryClient()
  return () => invalidate(queryClient, [queryKeys.bank.all, ...LEDGER_KEYS])
}

/** Start connecting (or re-authorising): the browser goes to the bank's consent page. */
export function useStartConnection() {
  return useMutation({
    mutationFn: ({ provider, reauthorize }: { provider?: string; reauthorize?: string }) =>
      unwrap(
        reauthorize
          ? api.POST('/bank/connections/{connection_id}/reauthorize', {
              params: { path: { connection_id: reauthorize } },
            })
          : // A name from GET /bank/providers, which lists only the providers it accepts.
            api.POST('/bank/connections', { body: { provider: provider as ProviderName } }),
      ),
    onSuccess: ({ authorization_url }) => window.location.assign(authorization_url),
  })
}

export function useSyncConnection() {
  const onSuccess = useInvalidateBank()
  return useMutation({
    mutationFn: (connection_id: string) =>
      unwrap(
        api.POST('/bank/connections/{connection_id}/sync', { params: { path: { connection_id } } }),
      ),
    onSuccess,
  })
}

export function useDeleteConnection() {
  const onSuccess = useInvalidateBank()
  return useMutation({
    mutationFn: (connection_id: string) =>
      unwrap(
        api.DELETE('/bank/connections/{connection_id}', { params: { path: { connection_id } } }),
      ),
    onSuccess,
  })
}

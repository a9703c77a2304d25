import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { jsonBody, request } from '@/api/client'
import type { components } from '@/api/gen/schema'

export type BankProvider = components['schemas']['BankProviderRead']
export type BankConnection = components['schemas']['BankConnectionRead']
export type BankConnectionStarted = components['schemas']['BankConnectionStarted']
export type SyncRun = components['schemas']['SyncRunRead']

export const bankKey = ['bank'] as const
const connectionsKey = [...bankKey, 'connections'] as const

export function useBankProviders() {
  return useQuery({
    queryKey: [...bankKey, 'providers'],
    queryFn: () => request<BankProvider[]>('/bank/providers'),
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
    queryKey: connectionsKey,
    queryFn: () => request<BankConnection[]>('/bank/connections'),
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
  return () =>
    Promise.all(
      [bankKey, ['transactions'], ['reports'], ['accounts']].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    )
}

/** Start connecting (or re-authorising): the browser goes to the bank's consent page. */
export function useStartConnection() {
  return useMutation({
    mutationFn: ({ provider, reauthorize }: { provider?: string; reauthorize?: string }) =>
      reauthorize
        ? request<BankConnectionStarted>(`/bank/connections/${reauthorize}/reauthorize`, {
            method: 'POST',
          })
        : request<BankConnectionStarted>('/bank/connections', jsonBody('POST', { provider })),
    onSuccess: ({ authorization_url }) => window.location.assign(authorization_url),
  })
}

export function useSyncConnection() {
  const invalidate = useInvalidateBank()
  return useMutation({
    mutationFn: (id: string) =>
      request<SyncRun>(`/bank/connections/${id}/sync`, { method: 'POST' }),
    onSuccess: invalidate,
  })
}

export function useDeleteConnection() {
  const invalidate = useInvalidateBank()
  return useMutation({
    mutationFn: (id: string) => request<undefined>(`/bank/connections/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  })
}

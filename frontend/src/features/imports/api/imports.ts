import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { request } from '@/api/client'
import type { components } from '@/api/gen/schema'

export type StatementImport = components['schemas']['ImportRead']

export const importsKey = ['imports'] as const

export const FORMATS = ['camt053', 'ofx', 'qfx', 'csv', 'fio', 'csob'] as const

export function isFinished(item: Pick<StatementImport, 'status'>): boolean {
  return item.status === 'succeeded' || item.status === 'failed'
}

/** How far an import got, as a percentage, or null before its size is known. */
export function progressPercent(item: StatementImport): number | null {
  if (isFinished(item)) return 100
  if (item.total <= 0) return null
  return Math.min(100, Math.round(((item.created + item.duplicates) / item.total) * 100))
}

export function useImports() {
  return useQuery({
    queryKey: [...importsKey, 'list'],
    queryFn: () => request<StatementImport[]>('/imports'),
  })
}

/** One import, polled every second until it has finished. */
export function useImport(id: string | null) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: [...importsKey, 'one', id],
    enabled: id !== null,
    queryFn: async () => {
      const item = await request<StatementImport>(`/imports/${id}`)
      if (isFinished(item)) {
        await Promise.all(
          [[...importsKey, 'list'], ['transactions'], ['reports'], ['accounts']].map((queryKey) =>
            queryClient.invalidateQueries({ queryKey }),
          ),
        )
      }
      return item
    },
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data) ? false : 1000),
  })
}

export interface ImportUpload {
  accountId: string
  file: File
  format: string
}

export function useStartImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ accountId, file, format }: ImportUpload) => {
      const body = new FormData()
      body.set('account_id', accountId)
      body.set('file', file)
      if (format) body.set('format', format)
      return request<StatementImport>('/imports', { method: 'POST', body })
    },
    onSuccess: (item) => {
      queryClient.setQueryData([...importsKey, 'one', item.id], item)
      void queryClient.invalidateQueries({ queryKey: [...importsKey, 'list'] })
    },
  })
}

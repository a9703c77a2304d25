import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { components } from '@/api/gen/schema'
import { invalidate, LEDGER_KEYS, queryKeys } from '@/api/query-keys'

export type StatementImport = components['schemas']['ImportRead']

export const FORMATS = ['camt053', 'ofx', 'qfx', 'csv', 'fio', 'csob'] as const
export type ImportFormat = (typeof FORMATS)[number]

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
    queryKey: queryKeys.imports.list,
    queryFn: () => unwrap(api.GET('/imports')),
  })
}

/** One import, polled every second until it has finished. */
export function useImport(id: string | null) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: queryKeys.imports.one(id),
    enabled: id !== null,
    queryFn: async () => {
      const item = await unwrap(
        api.GET('/imports/{import_id}', { params: { path: { import_id: id ?? '' } } }),
      )
      if (isFinished(item)) await invalidate(queryClient, [queryKeys.imports.list, ...LEDGER_KEYS])
      return item
    },
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data) ? false : 1000),
  })
}

/** A multipart body from the typed one (the browser sets the boundary). */
function multipart(body: Record<string, string | Blob | null>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(body)) if (value) form.set(name, value)
  return form
}

export interface ImportUpload {
  accountId: string
  file: File
  format: ImportFormat | ''
}

export function useStartImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ accountId, file, format }: ImportUpload) => {
      // openapi-typescript types a binary field as a string; the browser sends the File.
      const body = {
        account_id: accountId,
        file: file as unknown as string,
        format: format || null,
      }
      return unwrap(api.POST('/imports', { body, bodySerializer: multipart }))
    },
    onSuccess: (item) => {
      queryClient.setQueryData(queryKeys.imports.one(item.id), item)
      void queryClient.invalidateQueries({ queryKey: queryKeys.imports.list })
    },
  })
}

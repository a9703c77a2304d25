import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import { jsonBody, request } from '@/api/client'
import type {
  BulkRequest,
  BulkResult,
  Transaction,
  TransactionCreate,
  TransactionPage,
  TransactionUpdate,
} from '@/api/ledger-types'
import { queryString } from '@/api/query-string'

export const FILTER_KEYS = [
  'date_from',
  'date_to',
  'account_id',
  'category_id',
  'tag_id',
  'type',
  'amount_min',
  'amount_max',
  'q',
  'sort',
] as const
export type FilterKey = (typeof FILTER_KEYS)[number]
export type Filters = Partial<Record<FilterKey, string>>

export const PAGE_SIZE = 50

export function filtersFromSearch(search: URLSearchParams): Filters {
  const filters: Filters = {}
  for (const key of FILTER_KEYS) {
    const value = search.get(key)
    if (value) filters[key] = value
  }
  return filters
}

export function useTransactions(filters: Filters) {
  return useInfiniteQuery({
    queryKey: ['transactions', 'list', filters],
    queryFn: ({ pageParam }) =>
      request<TransactionPage>(
        `/transactions${queryString({ ...filters, limit: PAGE_SIZE, cursor: pageParam })}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  })
}

function useInvalidate() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all(
      [['transactions'], ['reports'], ['accounts']].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    )
}

export function useSaveTransaction() {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: ({
      id,
      values,
    }: {
      id?: string | undefined
      values: TransactionCreate | TransactionUpdate
    }) =>
      id
        ? request<Transaction>(`/transactions/${id}`, jsonBody('PATCH', values))
        : request<Transaction>('/transactions', jsonBody('POST', values)),
    onSuccess: invalidate,
  })
}

export function useBulkAction() {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: (body: BulkRequest) =>
      request<BulkResult>('/transactions/bulk', jsonBody('POST', body)),
    onSuccess: invalidate,
  })
}

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { invalidate, LEDGER_KEYS, queryKeys } from '@/api/query-keys'
import type { operations } from '@/api/gen/schema'
import type {
  BulkMatchingRequest,
  BulkRequest,
  TransactionCreate,
  TransactionMatch,
  TransactionSplitSet,
  TransactionUpdate,
} from '@/api/ledger-types'

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
type ListQuery = NonNullable<operations['transactions:list']['parameters']['query']>
export type Match = TransactionMatch

/** The URL's filters as the API's filters (single values where the API takes lists). */
export function toMatch(filters: Filters): Match {
  const { account_id, category_id, tag_id, type } = filters
  const { date_from, date_to, amount_min, amount_max, q } = filters
  return {
    date_from,
    date_to,
    amount_min,
    amount_max,
    q,
    account_id: account_id ? [account_id] : undefined,
    category_id: category_id ? [category_id] : undefined,
    tag_id: tag_id ? [tag_id] : undefined,
    type: type === 'income' || type === 'expense' ? type : undefined,
  }
}

function toQuery(filters: Filters, cursor: string | undefined): ListQuery {
  return {
    ...toMatch(filters),
    sort: filters.sort as ListQuery['sort'],
    limit: PAGE_SIZE,
    cursor,
  }
}

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
    queryKey: queryKeys.transactions.list(filters),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/transactions', { params: { query: toQuery(filters, pageParam) } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  })
}

function useInvalidate() {
  const queryClient = useQueryClient()
  return () => invalidate(queryClient, LEDGER_KEYS)
}

export function useSaveTransaction() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: ({
      id,
      values,
    }: {
      id?: string | undefined
      values: TransactionCreate | TransactionUpdate
    }) =>
      id
        ? unwrap(
            api.PATCH('/transactions/{transaction_id}', {
              params: { path: { transaction_id: id } },
              body: values,
            }),
          )
        : unwrap(api.POST('/transactions', { body: values as TransactionCreate })),
    onSuccess,
  })
}

/** How many transactions the filters match (asked for only when `enabled`). */
export function useTransactionCount(filters: Filters, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.transactions.count(filters),
    queryFn: () => unwrap(api.GET('/transactions/count', { params: { query: toMatch(filters) } })),
    enabled,
  })
}

/** An action over chosen ids, or over every match of the filters (with the count shown). */
export function useBulkAction() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: (body: BulkRequest | BulkMatchingRequest) =>
      'ids' in body
        ? unwrap(api.POST('/transactions/bulk', { body }))
        : unwrap(api.POST('/transactions/bulk-matching', { body })),
    onSuccess,
  })
}

export function useSplitTransaction() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TransactionSplitSet }) =>
      unwrap(
        api.PUT('/transactions/{transaction_id}/splits', {
          params: { path: { transaction_id: id } },
          body,
        }),
      ),
    onSuccess,
  })
}

export function useUndoBatch() {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: (batchId: string) =>
      unwrap(
        api.POST('/transaction-batches/{batch_id}/undo', {
          params: { path: { batch_id: batchId } },
        }),
      ),
    onSuccess: invalidate,
  })
}

import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { operations } from '@/api/gen/schema'
import type { BulkRequest, TransactionCreate, TransactionUpdate } from '@/api/ledger-types'

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

/** The URL's filters as the API's query (single values where the API takes lists). */
function toQuery(filters: Filters, cursor: string | undefined): ListQuery {
  const { account_id, category_id, tag_id, type, sort, ...rest } = filters
  return {
    ...rest,
    account_id: account_id ? [account_id] : undefined,
    category_id: category_id ? [category_id] : undefined,
    tag_id: tag_id ? [tag_id] : undefined,
    type: type === 'income' || type === 'expense' ? type : undefined,
    sort: sort as ListQuery['sort'],
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
    queryKey: ['transactions', 'list', filters],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/transactions', { params: { query: toQuery(filters, pageParam) } })),
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
        ? unwrap(
            api.PATCH('/transactions/{transaction_id}', {
              params: { path: { transaction_id: id } },
              body: values,
            }),
          )
        : unwrap(api.POST('/transactions', { body: values as TransactionCreate })),
    onSuccess: invalidate,
  })
}

export function useBulkAction() {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: (body: BulkRequest) => unwrap(api.POST('/transactions/bulk', { body })),
    onSuccess: invalidate,
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

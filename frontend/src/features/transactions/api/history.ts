import { useInfiniteQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { queryKeys } from '@/api/query-keys'

export function useTransactionHistory(id: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.transactions.history(id),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/transactions/{transaction_id}/history', {
          params: { path: { transaction_id: id }, query: { after: pageParam, limit: 50 } },
        }),
      ),
    initialPageParam: 0,
    getNextPageParam: (page) => page.next_after ?? undefined,
  })
}

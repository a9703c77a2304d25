import { useInfiniteQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'

export function useTransactionHistory(id: string) {
  return useInfiniteQuery({
    queryKey: ['transactions', 'history', id],
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

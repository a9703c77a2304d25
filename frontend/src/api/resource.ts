import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { jsonBody, request } from '@/api/client'

/** List, save (create or update) and delete hooks for one REST collection of the ledger.
 * Any change invalidates transactions and reports too: balances, names and sums move with it. */
export function resourceHooks<T, TCreate, TUpdate = Partial<TCreate>>(
  collection: string,
  { deleteQuery = '' }: { deleteQuery?: string } = {},
) {
  const key = [collection] as const
  const useInvalidate = () => {
    const queryClient = useQueryClient()
    return () =>
      Promise.all(
        [key, ['transactions'], ['reports'], ['accounts']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      )
  }
  return {
    key,
    useList: () => useQuery({ queryKey: key, queryFn: () => request<T[]>(`/${collection}`) }),
    useSave: () => {
      const invalidate = useInvalidate()
      return useMutation({
        mutationFn: ({ id, values }: { id?: string | undefined; values: TCreate | TUpdate }) =>
          id
            ? request<T>(`/${collection}/${id}`, jsonBody('PATCH', values))
            : request<T>(`/${collection}`, jsonBody('POST', values)),
        onSuccess: invalidate,
      })
    },
    useDelete: () => {
      const invalidate = useInvalidate()
      return useMutation({
        mutationFn: (id: string) =>
          request<undefined>(`/${collection}/${id}${deleteQuery}`, { method: 'DELETE' }),
        onSuccess: invalidate,
      })
    },
  }
}

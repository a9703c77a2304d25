import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query'
import { invalidate, LEDGER_KEYS } from '@/api/query-keys'

/** The typed calls of one REST collection of the ledger (made with the generated client). */
export interface ResourceCalls<T, TCreate, TUpdate> {
  list: () => Promise<T[]>
  create: (values: TCreate) => Promise<T>
  update: (id: string, values: TUpdate) => Promise<T>
  remove: (id: string) => Promise<unknown>
}

/** List, save (create or update) and delete hooks for one REST collection of the ledger.
 * Any change invalidates transactions and reports too: balances, names and sums move with it. */
export function resourceHooks<T, TCreate, TUpdate>(
  key: QueryKey,
  calls: ResourceCalls<T, TCreate, TUpdate>,
) {
  const useInvalidate = () => {
    const queryClient = useQueryClient()
    return () => invalidate(queryClient, [key, ...LEDGER_KEYS])
  }
  return {
    useList: () => useQuery({ queryKey: key, queryFn: calls.list }),
    useSave: () => {
      const onSuccess = useInvalidate()
      return useMutation({
        // The form that edits a row also creates one, so it hands over either shape.
        mutationFn: ({ id, values }: { id?: string | undefined; values: TCreate | TUpdate }) =>
          id ? calls.update(id, values as TUpdate) : calls.create(values as TCreate),
        onSuccess,
      })
    },
    useDelete: () => {
      const onSuccess = useInvalidate()
      return useMutation({ mutationFn: calls.remove, onSuccess })
    },
  }
}

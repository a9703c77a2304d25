import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { components } from '@/api/gen/schema'
import { invalidate, queryKeys } from '@/api/query-keys'

export type UserUpdate = components['schemas']['UserUpdate']
export type AccountDeletion = components['schemas']['AccountDeletion']

export function useUpdateMe() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (changes: UserUpdate) => unwrap(api.PATCH('/users/me', { body: changes })),
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.me, user)
      // Reports are in the base currency; they are stale once it changes.
      void invalidate(queryClient, [queryKeys.reports.all, queryKeys.budgets.all])
    },
  })
}

export function useDeleteMe() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: AccountDeletion) => unwrap(api.DELETE('/users/me', { body })),
    onSuccess: () => {
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, null)
    },
  })
}

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { queryKeys } from '@/api/query-keys'
import type { components } from '@/api/gen/schema'

export type BudgetMonth = components['schemas']['BudgetMonth']
export type BudgetLine = components['schemas']['BudgetLine']

export function budgetMonthQuery(month: string) {
  return queryOptions({
    queryKey: queryKeys.budgets.month(month),
    queryFn: () => unwrap(api.GET('/budgets/months/{month}', { params: { path: { month } } })),
  })
}

export function useBudgetMonth(month: string) {
  return useQuery(budgetMonthQuery(month))
}

export function useSetBudget(month: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ categoryId, amount }: { categoryId: string; amount: string }) =>
      unwrap(
        api.PUT('/budgets/months/{month}/categories/{category_id}', {
          params: { path: { month, category_id: categoryId } },
          body: { amount },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(budgetMonthQuery(month).queryKey, data)
    },
  })
}

export function useCopyBudgets(month: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (source: 'previous' | 'average') =>
      unwrap(
        api.POST('/budgets/months/{month}/copy', {
          params: { path: { month } },
          body: { source },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(budgetMonthQuery(month).queryKey, data)
    },
  })
}

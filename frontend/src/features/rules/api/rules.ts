import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { invalidate, LEDGER_KEYS, queryKeys } from '@/api/query-keys'
import type { components } from '@/api/gen/schema'

export type Rule = components['schemas']['RuleRead']
export type RuleCreate = components['schemas']['RuleCreate']
export type RuleDraft = components['schemas']['RuleDraft']
export type RuleRun = components['schemas']['RuleRunRead']
export type Condition = RuleCreate['conditions'][number]

const RUNNING: RuleRun['status'][] = ['queued', 'running', 'undoing']

export const rulesQuery = queryOptions({
  queryKey: queryKeys.rules.list,
  queryFn: () => unwrap(api.GET('/rules')),
})

export const runsQuery = queryOptions({
  queryKey: queryKeys.rules.runs,
  queryFn: () => unwrap(api.GET('/rules/runs')),
  // While the worker applies or undoes a rule, its progress is polled.
  refetchInterval: (query) =>
    query.state.data?.some((run) => RUNNING.includes(run.status)) ? 1000 : false,
})

export function useRules() {
  return useQuery(rulesQuery)
}

export function useRuns() {
  return useQuery(runsQuery)
}

export function useDraft(transactionId: string | null) {
  return useQuery({
    queryKey: queryKeys.rules.draft(transactionId),
    queryFn: () =>
      unwrap(
        api.GET('/rules/draft', { params: { query: { transaction_id: transactionId ?? '' } } }),
      ),
    enabled: transactionId !== null,
  })
}

export function usePreview(ruleId: string | null) {
  return useQuery({
    queryKey: queryKeys.rules.preview(ruleId),
    queryFn: () =>
      unwrap(api.GET('/rules/{rule_id}/preview', { params: { path: { rule_id: ruleId ?? '' } } })),
    enabled: ruleId !== null,
    staleTime: 0,
  })
}

function useRulesMutation<T>(call: (variables: T) => Promise<unknown>, alsoTransactions = false) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    // Applying or undoing a rule changes transactions, and with them every ledger figure.
    onSuccess: () =>
      invalidate(
        queryClient,
        alsoTransactions ? [queryKeys.rules.all, ...LEDGER_KEYS] : [queryKeys.rules.all],
      ),
  })
}

export function useSaveRule() {
  return useRulesMutation(({ id, body }: { id: string | null; body: RuleCreate }) =>
    id
      ? unwrap(api.PATCH('/rules/{rule_id}', { params: { path: { rule_id: id } }, body }))
      : unwrap(api.POST('/rules', { body })),
  )
}

export function useToggleRule() {
  return useRulesMutation(({ id, enabled }: { id: string; enabled: boolean }) =>
    unwrap(api.PATCH('/rules/{rule_id}', { params: { path: { rule_id: id } }, body: { enabled } })),
  )
}

export function useDeleteRule() {
  return useRulesMutation((id: string) =>
    unwrap(api.DELETE('/rules/{rule_id}', { params: { path: { rule_id: id } } })),
  )
}

export function useReorderRules() {
  return useRulesMutation((ruleIds: string[]) =>
    unwrap(api.PUT('/rules/order', { body: { rule_ids: ruleIds } })),
  )
}

export function useApplyRule() {
  return useRulesMutation(
    (id: string) =>
      unwrap(api.POST('/rules/{rule_id}/runs', { params: { path: { rule_id: id } } })),
    true,
  )
}

export function useUndoRun() {
  return useRulesMutation(
    (id: string) =>
      unwrap(api.POST('/rules/runs/{run_id}/undo', { params: { path: { run_id: id } } })),
    true,
  )
}

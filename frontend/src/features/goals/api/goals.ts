import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { queryKeys } from '@/api/query-keys'
import type { components } from '@/api/gen/schema'

export type Goal = components['schemas']['GoalRead']
export type GoalCreate = components['schemas']['GoalCreate']

export const goalsQuery = queryOptions({
  queryKey: queryKeys.goals.list,
  queryFn: () => unwrap(api.GET('/goals')),
})

export const invitationsQuery = queryOptions({
  queryKey: queryKeys.goals.invitations,
  queryFn: () => unwrap(api.GET('/goals/invitations')),
})

export function useGoals() {
  return useQuery(goalsQuery)
}

export function useInvitations() {
  return useQuery(invitationsQuery)
}

function useGoalMutation<T>(call: (variables: T) => Promise<unknown>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.goals.all }),
  })
}

export function useCreateGoal() {
  return useGoalMutation((body: GoalCreate) => unwrap(api.POST('/goals', { body })))
}

export function useContribute() {
  return useGoalMutation(({ goalId, amount }: { goalId: string; amount: string }) =>
    unwrap(
      api.POST('/goals/{goal_id}/contributions', {
        params: { path: { goal_id: goalId } },
        body: { amount },
      }),
    ),
  )
}

export function useInvite() {
  return useGoalMutation(({ goalId, email }: { goalId: string; email: string }) =>
    unwrap(
      api.POST('/goals/{goal_id}/members', {
        params: { path: { goal_id: goalId } },
        body: { email },
      }),
    ),
  )
}

export function useJoin() {
  return useGoalMutation((goalId: string) =>
    unwrap(api.POST('/goals/{goal_id}/join', { params: { path: { goal_id: goalId } } })),
  )
}

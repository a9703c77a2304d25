import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { queryKeys } from '@/api/query-keys'
import type { components } from '@/api/gen/schema'

export type AppNotification = components['schemas']['NotificationRead']
export type Preference = components['schemas']['PreferenceRead']

export const unreadCountQuery = queryOptions({
  queryKey: queryKeys.notifications.unreadCount,
  queryFn: () => unwrap(api.GET('/notifications/unread-count')),
})

export const notificationsQuery = queryOptions({
  queryKey: queryKeys.notifications.list,
  queryFn: () => unwrap(api.GET('/notifications')),
})

export function useUnreadCount() {
  return useQuery(unreadCountQuery)
}

export function useNotifications(enabled: boolean) {
  return useQuery({ ...notificationsQuery, enabled })
}

export function useMarkAllRead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(api.POST('/notifications/read', { body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  })
}

export const preferencesQuery = queryOptions({
  queryKey: queryKeys.notifications.preferences,
  queryFn: () => unwrap(api.GET('/notifications/preferences')),
})

export function usePreferences() {
  return useQuery(preferencesQuery)
}

export function useSetPreference() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ kind, ...body }: Pick<Preference, 'kind' | 'in_app' | 'email'>) =>
      unwrap(api.PUT('/notifications/preferences/{kind}', { params: { path: { kind } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: preferencesQuery.queryKey }),
  })
}

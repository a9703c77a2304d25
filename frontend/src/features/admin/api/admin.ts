import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { queryKeys } from '@/api/query-keys'
import type { components } from '@/api/gen/schema'
import { env } from '@/config/env'

export type AdminUser = components['schemas']['AdminUser']
export type AuditEntry = components['schemas']['AuditEntryRead']

export function useAdminUsers() {
  return useQuery({
    queryKey: queryKeys.admin.users,
    queryFn: () => unwrap(api.GET('/admin/users', { params: { query: { limit: 200 } } })),
  })
}

export function useAuditLog() {
  return useQuery({
    queryKey: queryKeys.admin.audit,
    queryFn: () => unwrap(api.GET('/admin/audit', { params: { query: { limit: 200 } } })),
  })
}

export type UserAction = 'deactivate' | 'reactivate' | 'resend-verification' | 'delete'

export function useUserAction() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ action, id }: { action: UserAction; id: string }) => {
      const path = { params: { path: { user_id: id } } }
      switch (action) {
        case 'deactivate':
          return unwrap(api.POST('/admin/users/{user_id}/deactivate', path))
        case 'reactivate':
          return unwrap(api.POST('/admin/users/{user_id}/reactivate', path))
        case 'resend-verification':
          return unwrap(api.POST('/admin/users/{user_id}/resend-verification', path))
        case 'delete':
          return unwrap(api.DELETE('/admin/users/{user_id}', path))
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.admin.all }),
  })
}

/** Whose data the app shows changes: a fresh page load, so nothing cached from before stays
 * (and no screen that is about to go away has to finish the job). */
function reloadAt(path: string) {
  window.location.assign(`${env.basePath.replace(/\/$/, '')}${path}`)
}

/** Act as a person: the server sets the impersonation cookie; the app starts again as them. */
export function useImpersonate() {
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(
        api.POST('/admin/users/{user_id}/impersonate', {
          params: { path: { user_id: id } },
          body: { reason },
        }),
      ),
    onSuccess: () => reloadAt('/'),
  })
}

/** Who is acting as the signed-in person right now (null when nobody is). */
export function useCurrentImpersonation() {
  return useQuery({
    queryKey: queryKeys.impersonation,
    queryFn: () => unwrap(api.GET('/users/me/impersonation')),
    staleTime: 60_000,
  })
}

export function useStopImpersonation() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/users/me/impersonation/stop')),
    onSuccess: () => reloadAt('/admin'),
  })
}

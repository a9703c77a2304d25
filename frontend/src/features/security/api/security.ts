import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { queryKeys } from '@/api/query-keys'
import type { components } from '@/api/gen/schema'

export type TwoFactorStatus = components['schemas']['TwoFactorStatus']
export type TwoFactorSetup = components['schemas']['TwoFactorSetup']
export type Access = components['schemas']['ImpersonationRead']

export function useTwoFactorStatus() {
  return useQuery({
    queryKey: queryKeys.twoFactor,
    queryFn: () => unwrap(api.GET('/users/me/two-factor')),
  })
}

export function useStartTwoFactorSetup() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/users/me/two-factor/setup')) })
}

export function useConfirmTwoFactor() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (code: string) =>
      unwrap(api.POST('/users/me/two-factor/confirm', { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.twoFactor }),
  })
}

export function useDisableTwoFactor() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { password: string; code: string }) =>
      unwrap(api.POST('/users/me/two-factor/disable', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.twoFactor }),
  })
}

/** Every time an administrator acted as the signed-in person. */
export function useAccesses() {
  return useQuery({
    queryKey: queryKeys.accesses,
    queryFn: () => unwrap(api.GET('/users/me/accesses')),
  })
}

export function useRequestExport() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/users/me/export')) })
}

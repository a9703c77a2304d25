import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiError, CSRF_COOKIE, readCookie, unwrap } from '@/api/client'
import { queryKeys } from '@/api/query-keys'
import { useOutletContext } from 'react-router'
import type { components } from '@/api/gen/schema'

export type User = components['schemas']['UserRead']

/** The signed-in person, or null when signed out (a 401 is an answer here, not an error). */
export async function fetchMe(): Promise<User | null> {
  // Every sign-in sets the readable CSRF cookie beside the httpOnly session cookie: without it
  // there is no session to ask about, and no 401 to log on the sign-in page.
  if (!readCookie(CSRF_COOKIE)) return null
  try {
    return await unwrap(api.GET('/users/me'))
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

/** The signed-in person, for screens inside the shell (which passes it down). */
export function useUser(): User {
  return useOutletContext<User>()
}

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 60_000, retry: false })
}

export function useSignIn() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (values: { email: string; password: string; otp?: string }) => {
      const body = { username: values.email, password: values.password }
      await unwrap(
        api.POST('/auth/cookie/login', {
          // The second factor only when asked for (LOGIN_TOTP_REQUIRED).
          body: values.otp ? { ...body, otp: values.otp } : body,
          bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      )
      return fetchMe()
    },
    onSuccess: (user) => {
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, user)
    },
  })
}

export function useSignOut() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      try {
        await unwrap(api.POST('/auth/cookie/logout'))
      } catch (error) {
        // Already signed out on the server: the outcome the person asked for.
        if (!(error instanceof ApiError && error.status === 401)) throw error
      }
    },
    onSuccess: () => {
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, null)
    },
  })
}

export type SignUpValues = components['schemas']['UserCreate']

export function useSignUp() {
  return useMutation({
    mutationFn: (values: SignUpValues) => unwrap(api.POST('/auth/register', { body: values })),
  })
}

export function useVerify() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST('/auth/verify', { body: { token } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  })
}

export function useRequestVerify() {
  return useMutation({
    mutationFn: (email: string) =>
      unwrap(api.POST('/auth/request-verify-token', { body: { email } })),
  })
}

export function useForgotPassword() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/auth/forgot-password', { body: { email } })),
  })
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (values: { token: string; password: string }) =>
      unwrap(api.POST('/auth/reset-password', { body: values })),
  })
}

export type SignInProvider = components['schemas']['ProviderRead']

/** OpenID Connect providers; none when the server has no such sign-in (404). */
export function useProviders() {
  return useQuery({
    queryKey: queryKeys.authProviders,
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/auth/providers'))
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return []
        throw error
      }
    },
    staleTime: Infinity,
    retry: false,
  })
}

export async function startProviderSignIn(name: string): Promise<void> {
  const { authorization_url } = await unwrap(
    api.GET('/auth/{provider}/authorize', { params: { path: { provider: name } } }),
  )
  window.location.assign(authorization_url)
}

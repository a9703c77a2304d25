import type { ReactNode } from 'react'
import { Navigate, useLocation, useSearchParams } from 'react-router'
import { ErrorState, Loading } from '@/components/ui/states'
import { useMe, type User } from '@/api/auth'
import { safeNext } from '@/lib/safe-next'

/** Renders its children with the signed-in person; sends everybody else to sign in. */
export function RequireUser({ children }: { children: (user: User) => ReactNode }) {
  const me = useMe()
  const location = useLocation()
  if (me.isPending) return <Loading />
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />
  if (!me.data) {
    const next = location.pathname + location.search
    const target = next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`
    return <Navigate to={target} replace />
  }
  return children(me.data)
}

/** The sign-in and sign-up pages; a signed-in person goes straight on into the app. */
export function SignedOutOnly({ children }: { children: ReactNode }) {
  const me = useMe()
  const [params] = useSearchParams()
  if (me.isPending) return <Loading />
  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />
  return children
}

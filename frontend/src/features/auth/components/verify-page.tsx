import { useEffect, useRef } from 'react'
import { Link, useSearchParams } from 'react-router'
import { errorMessage } from '@/api/errors'
import { Loading } from '@/components/ui/states'
import { Notice } from '@/components/ui/notice'
import { useMe, useVerify } from '@/api/auth'
import { AuthLayout } from '@/features/auth/components/auth-layout'

export function VerifyPage() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const verify = useVerify()
  const { data: me } = useMe()
  const sent = useRef(false)

  useEffect(() => {
    // Once per visit, also under React's development double effects.
    if (token && !sent.current) {
      sent.current = true
      verify.mutate(token)
    }
  }, [token, verify])

  return (
    <AuthLayout title="Confirm your email">
      {!token ? (
        <Notice tone="error">This link has no token. Open the link from the email again.</Notice>
      ) : null}
      {verify.isPending ? <Loading label="Confirming…" /> : null}
      {verify.isError ? <Notice tone="error">{errorMessage(verify.error)}</Notice> : null}
      {verify.isSuccess ? <Notice tone="success">Your email address is confirmed.</Notice> : null}
      <p className="auth-links">
        {me ? (
          <Link to="/">Go to your dashboard</Link>
        ) : (
          <Link to="/sign-in?reason=verified">Sign in</Link>
        )}
      </p>
    </AuthLayout>
  )
}

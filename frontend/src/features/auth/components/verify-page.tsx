import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { errorMessage } from '@/api/errors'
import { Loading } from '@/components/ui/states'
import { Notice } from '@/components/ui/notice'
import { useMe, useVerify } from '@/api/auth'
import { AuthLayout } from '@/features/auth/components/auth-layout'

export function VerifyPage() {
  const { t } = useTranslation('auth')
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
    <AuthLayout title={t('verify.title')}>
      {!token ? <Notice tone="error">{t('reset.noToken')}</Notice> : null}
      {verify.isPending ? <Loading label={t('verify.confirming')} /> : null}
      {verify.isError ? <Notice tone="error">{errorMessage(verify.error)}</Notice> : null}
      {verify.isSuccess ? <Notice tone="success">{t('verify.confirmed')}</Notice> : null}
      <p className="auth-links">
        {me ? (
          <Link to="/">{t('verify.dashboard')}</Link>
        ) : (
          <Link to="/sign-in?reason=verified">{t('verify.signIn')}</Link>
        )}
      </p>
    </AuthLayout>
  )
}

import { useTranslation } from 'react-i18next'
import { NavLink, Outlet, useNavigate } from 'react-router'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { useRequestVerify, useSignOut, type User } from '@/api/auth'

const NAV = [
  { to: '/', label: 'dashboard' },
  { to: '/transactions', label: 'transactions' },
  { to: '/accounts', label: 'accounts' },
  { to: '/imports', label: 'imports' },
  { to: '/categories', label: 'categories' },
  { to: '/tags', label: 'tags' },
  { to: '/settings', label: 'settings' },
] as const

function VerifyBanner({ user }: { user: User }) {
  const { t } = useTranslation()
  const resend = useRequestVerify()
  if (user.is_verified) return null
  return (
    <Notice tone={resend.isError ? 'error' : 'info'}>
      {resend.isSuccess
        ? t('shell.verifySent', { email: user.email })
        : resend.isError
          ? errorMessage(resend.error)
          : t('shell.verifyPlease', { email: user.email })}{' '}
      {!resend.isSuccess ? (
        <Button variant="ghost" busy={resend.isPending} onClick={() => resend.mutate(user.email)}>
          {t('shell.verifyResend')}
        </Button>
      ) : null}
    </Notice>
  )
}

export function Shell({ user }: { user: User }) {
  const { t } = useTranslation()
  const signOut = useSignOut()
  const navigate = useNavigate()
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('appName')}</span>
        <nav aria-label={t('nav.label')} className="nav">
          {NAV.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === '/'}>
              {t(`nav.${item.label}`)}
            </NavLink>
          ))}
        </nav>
        <div className="topbar-user">
          <span className="topbar-name">{user.first_name}</span>
          <Button
            variant="secondary"
            busy={signOut.isPending}
            onClick={() =>
              signOut.mutate(undefined, {
                onSuccess: () => navigate('/sign-in?reason=signed-out', { replace: true }),
              })
            }
          >
            {t('shell.signOut')}
          </Button>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <VerifyBanner user={user} />
        {signOut.isError ? <Notice tone="error">{errorMessage(signOut.error)}</Notice> : null}
        <Outlet context={user} />
      </main>
    </div>
  )
}

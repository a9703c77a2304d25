import { useTranslation } from 'react-i18next'
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { useRequestVerify, useSignOut, type User } from '@/api/auth'
import { ImpersonationBanner } from '@/features/admin/components/impersonation-banner'
import { useLiveEvents } from '@/features/live/use-live-events'
import { NotificationBell } from '@/features/notifications/components/notification-bell'

// On a phone the bar sits at the bottom with five tabs; categories and tags are reached from
// Settings there, whose tab then stays marked.
const NAV = [
  { to: '/', label: 'dashboard', phone: true },
  { to: '/transactions', label: 'transactions', phone: true },
  { to: '/budgets', label: 'budgets', phone: false },
  { to: '/goals', label: 'goals', phone: false },
  { to: '/accounts', label: 'accounts', phone: true },
  { to: '/imports', label: 'imports', phone: true },
  { to: '/categories', label: 'categories', phone: false },
  { to: '/tags', label: 'tags', phone: false },
  { to: '/rules', label: 'rules', phone: false },
  { to: '/settings', label: 'settings', phone: true },
] as const
const UNDER_SETTINGS_ON_PHONE = ['/budgets', '/goals', '/categories', '/tags', '/rules']

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
  const { t: tAdmin } = useTranslation('admin')
  const signOut = useSignOut()
  const navigate = useNavigate()
  useLiveEvents()
  const { pathname } = useLocation()
  const settingsGroup = UNDER_SETTINGS_ON_PHONE.some((path) => pathname.startsWith(path))
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('appName')}</span>
        <nav aria-label={t('nav.label')} className="nav">
          {NAV.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              end={item.to === '/'}
              className={({ isActive }) =>
                [
                  isActive ? 'active' : '',
                  item.phone ? '' : 'nav-desktop',
                  item.to === '/settings' && settingsGroup ? 'nav-group-active' : '',
                ]
                  .filter(Boolean)
                  .join(' ')
              }
            >
              {t(`nav.${item.label}`)}
            </NavLink>
          ))}
          {user.is_superuser ? <NavLink to="/admin">{tAdmin('nav')}</NavLink> : null}
        </nav>
        <div className="topbar-user">
          <NotificationBell />
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
      <ImpersonationBanner />
      <main id="main" className="content" tabIndex={-1}>
        <VerifyBanner user={user} />
        {signOut.isError ? <Notice tone="error">{errorMessage(signOut.error)}</Notice> : null}
        <Outlet context={user} />
      </main>
    </div>
  )
}

import { NavLink, Outlet, useNavigate } from 'react-router'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { useRequestVerify, useSignOut, type User } from '@/api/auth'
import { ImpersonationBanner } from '@/features/admin/components/impersonation-banner'

const NAV = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/transactions', label: 'Transactions' },
  { to: '/accounts', label: 'Accounts' },
  { to: '/imports', label: 'Import' },
  { to: '/categories', label: 'Categories' },
  { to: '/tags', label: 'Tags' },
  { to: '/settings', label: 'Settings' },
]

function VerifyBanner({ user }: { user: User }) {
  const resend = useRequestVerify()
  if (user.is_verified) return null
  return (
    <Notice tone={resend.isError ? 'error' : 'info'}>
      {resend.isSuccess
        ? `We sent a new confirmation link to ${user.email}.`
        : resend.isError
          ? errorMessage(resend.error)
          : `Please confirm your email address: we sent a link to ${user.email}.`}{' '}
      {!resend.isSuccess ? (
        <Button variant="ghost" busy={resend.isPending} onClick={() => resend.mutate(user.email)}>
          Send the link again
        </Button>
      ) : null}
    </Notice>
  )
}

export function Shell({ user }: { user: User }) {
  const signOut = useSignOut()
  const navigate = useNavigate()
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Cashbook</span>
        <nav aria-label="Main" className="nav">
          {[...NAV, ...(user.is_superuser ? [{ to: '/admin', label: 'Admin' }] : [])].map(
            (item) => (
              <NavLink key={item.to} to={item.to} end={'end' in item ? item.end : false}>
                {item.label}
              </NavLink>
            ),
          )}
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
            Sign out
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

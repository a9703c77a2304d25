import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { errorMessage } from '@/api/errors'
import { useUser } from '@/api/auth'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog } from '@/components/ui/dialog'
import { TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { ErrorState, Loading } from '@/components/ui/states'
import { useFormat } from '@/i18n/use-format'
import {
  type AdminUser,
  useAdminUsers,
  useAuditLog,
  useImpersonate,
  useUserAction,
} from '@/features/admin/api/admin'

function ImpersonateDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation(['admin', 'common'])
  const impersonate = useImpersonate()
  const [reason, setReason] = useState('')
  return (
    <Dialog open title={t('impersonate.title', { email: user.email })} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          impersonate.mutate({ id: user.id, reason: reason.trim() })
        }}
      >
        <p>{t('impersonate.about', { name: user.first_name })}</p>
        {impersonate.isError ? (
          <Notice tone="error">{errorMessage(impersonate.error)}</Notice>
        ) : null}
        <TextField
          label={t('impersonate.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          autoComplete="off"
        />
        <div className="actions">
          <Button variant="secondary" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" busy={impersonate.isPending} disabled={reason.trim().length < 5}>
            {t('impersonate.start')}
          </Button>
        </div>
      </form>
    </Dialog>
  )
}

function UsersTable() {
  const { t } = useTranslation('admin')
  const format = useFormat()
  const when = (value: string | null | undefined) => (value ? format.dateTime(value) : '—')
  const me = useUser()
  const users = useAdminUsers()
  const action = useUserAction()
  const [acting, setActing] = useState<AdminUser | null>(null)
  const [deleting, setDeleting] = useState<AdminUser | null>(null)
  if (users.isPending) return <Loading />
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />
  return (
    <>
      {action.isError ? <Notice tone="error">{errorMessage(action.error)}</Notice> : null}
      <table className="tx-table" aria-label={t('users.label')}>
        <thead>
          <tr>
            <th>{t('users.email')}</th>
            <th>{t('users.name')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.verified')}</th>
            <th>{t('users.active')}</th>
            <th>{t('users.accounts')}</th>
            <th>{t('users.created')}</th>
            <th>{t('users.lastSignIn')}</th>
            <th>{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.data.map((user) => (
            <tr key={user.id}>
              <td>{user.email}</td>
              <td>
                {user.first_name} {user.last_name}
              </td>
              <td>{user.role === 'admin' ? t('users.roleAdmin') : t('users.roleUser')}</td>
              <td>{user.is_verified ? t('users.yes') : t('users.no')}</td>
              <td>{user.is_active ? t('users.yes') : t('users.no')}</td>
              <td>{user.account_count}</td>
              <td>{when(user.created_at)}</td>
              <td>{when(user.last_login_at)}</td>
              <td className="actions">
                {user.id !== me.id && user.role === 'user' && user.is_active ? (
                  <Button variant="secondary" onClick={() => setActing(user)}>
                    {t('users.actAs')}
                  </Button>
                ) : null}
                {user.id !== me.id ? (
                  <Button
                    variant="ghost"
                    onClick={() =>
                      action.mutate({
                        action: user.is_active ? 'deactivate' : 'reactivate',
                        id: user.id,
                      })
                    }
                  >
                    {user.is_active ? t('users.deactivate') : t('users.reactivate')}
                  </Button>
                ) : null}
                {!user.is_verified ? (
                  <Button
                    variant="ghost"
                    onClick={() => action.mutate({ action: 'resend-verification', id: user.id })}
                  >
                    {t('users.resend')}
                  </Button>
                ) : null}
                {user.id !== me.id ? (
                  <Button variant="ghost" onClick={() => setDeleting(user)}>
                    {t('users.delete')}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {acting ? <ImpersonateDialog user={acting} onClose={() => setActing(null)} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t('users.deleteTitle')}
        confirmLabel={t('users.delete')}
        cancelLabel={t('users.keep')}
        busy={action.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          action.mutate(
            { action: 'delete', id: deleting.id },
            { onSuccess: () => setDeleting(null) },
          )
        }
      >
        <p>{t('users.deleteBody', { email: deleting?.email })}</p>
      </ConfirmDialog>
    </>
  )
}

function AuditTable() {
  const { t } = useTranslation('admin')
  const format = useFormat()
  const audit = useAuditLog()
  if (audit.isPending) return <Loading />
  if (audit.isError) return <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
  if (audit.data.length === 0) return <p>{t('audit.none')}</p>
  return (
    <table className="tx-table" aria-label={t('audit.label')}>
      <thead>
        <tr>
          <th>{t('audit.time')}</th>
          <th>{t('audit.administrator')}</th>
          <th>{t('audit.user')}</th>
          <th>{t('audit.reason')}</th>
          <th>{t('audit.request')}</th>
          <th>{t('audit.status')}</th>
        </tr>
      </thead>
      <tbody>
        {audit.data.map((entry) => (
          <tr key={entry.id}>
            <td>{format.dateTime(entry.created_at)}</td>
            <td>{entry.actor_email}</td>
            <td>{entry.subject_email}</td>
            <td>{entry.reason}</td>
            <td>
              <code>
                {entry.method} {entry.route}
              </code>
            </td>
            <td>{entry.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The administration: people (never their money) and the impersonation audit log. */
export function AdminPage() {
  const { t } = useTranslation('admin')
  const user = useUser()
  if (!user.is_superuser) return <Navigate to="/" replace />
  return (
    <div className="page admin">
      <h1>{t('title')}</h1>
      <section className="panel" aria-labelledby="users-title">
        <h2 id="users-title">{t('users.title')}</h2>
        <UsersTable />
      </section>
      <section className="panel" aria-labelledby="audit-title">
        <h2 id="audit-title">{t('audit.title')}</h2>
        <AuditTable />
      </section>
    </div>
  )
}

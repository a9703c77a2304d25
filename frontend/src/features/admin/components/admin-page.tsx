import { useState } from 'react'
import { Navigate, useNavigate } from 'react-router'
import { errorMessage } from '@/api/errors'
import { useUser } from '@/app/router'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog } from '@/components/ui/dialog'
import { TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { ErrorState, Loading } from '@/components/ui/states'
import {
  type AdminUser,
  useAdminUsers,
  useAuditLog,
  useImpersonate,
  useUserAction,
} from '@/features/admin/api/admin'

function when(value: string | null | undefined): string {
  return value ? new Date(value).toLocaleString() : '—'
}

function ImpersonateDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const impersonate = useImpersonate()
  const navigate = useNavigate()
  const [reason, setReason] = useState('')
  return (
    <Dialog open title={`Act as ${user.email}`} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          impersonate.mutate(
            { id: user.id, reason: reason.trim() },
            { onSuccess: () => navigate('/', { replace: true }) },
          )
        }}
      >
        <p>
          For at most 30 minutes. Every request is recorded, and {user.first_name} sees the reason
          in their settings.
        </p>
        {impersonate.isError ? (
          <Notice tone="error">{errorMessage(impersonate.error)}</Notice>
        ) : null}
        <TextField
          label="Reason"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          autoComplete="off"
        />
        <div className="actions">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={impersonate.isPending} disabled={reason.trim().length < 5}>
            Start
          </Button>
        </div>
      </form>
    </Dialog>
  )
}

function UsersTable() {
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
      <table className="tx-table" aria-label="Users">
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Verified</th>
            <th>Active</th>
            <th>Accounts</th>
            <th>Created</th>
            <th>Last sign-in</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.data.map((user) => (
            <tr key={user.id}>
              <td>{user.email}</td>
              <td>
                {user.first_name} {user.last_name}
              </td>
              <td>{user.role}</td>
              <td>{user.is_verified ? 'yes' : 'no'}</td>
              <td>{user.is_active ? 'yes' : 'no'}</td>
              <td>{user.account_count}</td>
              <td>{when(user.created_at)}</td>
              <td>{when(user.last_login_at)}</td>
              <td className="actions">
                {user.id !== me.id && user.role === 'user' && user.is_active ? (
                  <Button variant="secondary" onClick={() => setActing(user)}>
                    Act as
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
                    {user.is_active ? 'Deactivate' : 'Reactivate'}
                  </Button>
                ) : null}
                {!user.is_verified ? (
                  <Button
                    variant="ghost"
                    onClick={() => action.mutate({ action: 'resend-verification', id: user.id })}
                  >
                    Resend verification
                  </Button>
                ) : null}
                {user.id !== me.id ? (
                  <Button variant="ghost" onClick={() => setDeleting(user)}>
                    Delete
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
        title="Delete this user?"
        confirmLabel="Delete"
        cancelLabel="Keep"
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
        <p>
          <strong>{deleting?.email}</strong> and everything they keep here are deleted for good.
        </p>
      </ConfirmDialog>
    </>
  )
}

function AuditTable() {
  const audit = useAuditLog()
  if (audit.isPending) return <Loading />
  if (audit.isError) return <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
  if (audit.data.length === 0) return <p>Nobody has acted as another user yet.</p>
  return (
    <table className="tx-table" aria-label="Audit log">
      <thead>
        <tr>
          <th>Time</th>
          <th>Administrator</th>
          <th>User</th>
          <th>Reason</th>
          <th>Request</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {audit.data.map((entry) => (
          <tr key={entry.id}>
            <td>{when(entry.created_at)}</td>
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
  const user = useUser()
  if (!user.is_superuser) return <Navigate to="/" replace />
  return (
    <div className="page admin">
      <h1>Administration</h1>
      <section className="panel" aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        <UsersTable />
      </section>
      <section className="panel" aria-labelledby="audit-title">
        <h2 id="audit-title">Audit log</h2>
        <AuditTable />
      </section>
    </div>
  )
}

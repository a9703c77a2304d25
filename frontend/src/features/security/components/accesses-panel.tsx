import { ErrorState, Loading } from '@/components/ui/states'
import { useAccesses } from '@/features/security/api/security'

/** Settings → every time an administrator acted as this person: who, when, why. */
export function AccessesPanel() {
  const accesses = useAccesses()
  return (
    <section className="panel" aria-labelledby="accesses-title">
      <h2 id="accesses-title">Administrator access</h2>
      {accesses.isPending ? <Loading /> : null}
      {accesses.isError ? (
        <ErrorState error={accesses.error} onRetry={() => void accesses.refetch()} />
      ) : null}
      {accesses.data?.length === 0 ? <p>No administrator has acted as you.</p> : null}
      {accesses.data && accesses.data.length > 0 ? (
        <ul className="card-list" aria-label="Accesses to your account">
          {accesses.data.map((access) => (
            <li key={access.id} className="account-card">
              <div>
                <p className="account-name">{access.actor_email}</p>
                <p>{access.reason}</p>
                <p className="muted">
                  {new Date(access.started_at).toLocaleString()} –{' '}
                  {new Date(access.ended_at ?? access.expires_at).toLocaleTimeString()}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}

import { useTranslation } from 'react-i18next'
import { useFormat } from '@/i18n/use-format'
import { ErrorState, Loading } from '@/components/ui/states'
import { useAccesses } from '@/features/security/api/security'

/** Settings → every time an administrator acted as this person: who, when, why. */
export function AccessesPanel() {
  const { t } = useTranslation('security')
  const format = useFormat()
  const accesses = useAccesses()
  return (
    <section className="panel" aria-labelledby="accesses-title">
      <h2 id="accesses-title">{t('accesses.title')}</h2>
      {accesses.isPending ? <Loading /> : null}
      {accesses.isError ? (
        <ErrorState error={accesses.error} onRetry={() => void accesses.refetch()} />
      ) : null}
      {accesses.data?.length === 0 ? <p>{t('accesses.none')}</p> : null}
      {accesses.data && accesses.data.length > 0 ? (
        <ul className="card-list" aria-label={t('accesses.list')}>
          {accesses.data.map((access) => (
            <li key={access.id} className="account-card">
              <div>
                <p className="account-name">{access.actor_email}</p>
                <p>{access.reason}</p>
                <p className="muted">
                  {format.dateTime(access.started_at)} –{' '}
                  {format.dateTime(access.ended_at ?? access.expires_at)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}

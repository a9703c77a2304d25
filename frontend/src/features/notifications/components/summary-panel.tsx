import { useTranslation } from 'react-i18next'
import { errorMessage } from '@/api/errors'
import { Notice } from '@/components/ui/notice'
import { ErrorState, Loading } from '@/components/ui/states'
import { usePreferences, useSetPreference } from '@/features/notifications/api/notifications'

/** Settings → the monthly summary email, which a person asks for (it is off until then). */
export function SummaryPanel() {
  const { t } = useTranslation('notifications')
  const preferences = usePreferences()
  const save = useSetPreference()
  const summary = preferences.data?.find((p) => p.kind === 'monthly_summary')
  return (
    <section className="panel" aria-labelledby="summary-title">
      <h2 id="summary-title">{t('summary.title')}</h2>
      <p>{t('summary.about')}</p>
      {preferences.isPending ? <Loading /> : null}
      {preferences.isError ? (
        <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : null}
      {summary ? (
        <label>
          <input
            type="checkbox"
            checked={summary.email}
            disabled={save.isPending}
            onChange={(event) =>
              save.mutate({
                kind: 'monthly_summary',
                in_app: summary.in_app,
                email: event.target.checked,
              })
            }
          />{' '}
          {t('summary.email')}
        </label>
      ) : null}
      {save.isSuccess ? <Notice tone="success">{t('summary.saved')}</Notice> : null}
      {save.isError ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
    </section>
  )
}

import { useTranslation } from 'react-i18next'
import { useFormat } from '@/i18n/use-format'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { useCurrentImpersonation, useStopImpersonation } from '@/features/admin/api/admin'

/** Shown on every screen while an administrator acts as someone else. */
export function ImpersonationBanner() {
  const { t } = useTranslation('admin')
  const format = useFormat()
  const current = useCurrentImpersonation()
  const stop = useStopImpersonation()
  const acting = current.data
  if (!acting) return null
  return (
    <div className="impersonation-banner" role="status">
      <span>
        {t('banner.acting', {
          email: acting.subject_email,
          until: format.dateTime(acting.expires_at),
          reason: acting.reason,
        })}
      </span>{' '}
      <Button variant="secondary" busy={stop.isPending} onClick={() => stop.mutate()}>
        {t('banner.stop')}
      </Button>
      {stop.isError ? <Notice tone="error">{errorMessage(stop.error)}</Notice> : null}
    </div>
  )
}

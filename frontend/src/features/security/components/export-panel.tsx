import { useTranslation } from 'react-i18next'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { useRequestExport } from '@/features/security/api/security'

/** Settings → take everything out: a ZIP whose single-use link arrives by email. */
export function ExportPanel() {
  const { t } = useTranslation('security')
  const request = useRequestExport()
  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">{t('export.title')}</h2>
      <p>{t('export.about')}</p>
      {request.isSuccess ? <Notice tone="success">{t('export.requested')}</Notice> : null}
      {request.isError ? <Notice tone="error">{errorMessage(request.error)}</Notice> : null}
      <Button
        variant="secondary"
        busy={request.isPending}
        disabled={request.isSuccess}
        onClick={() => request.mutate()}
      >
        {t('export.request')}
      </Button>
    </section>
  )
}

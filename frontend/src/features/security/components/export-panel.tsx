import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { useRequestExport } from '@/features/security/api/security'

/** Settings → take everything out: a ZIP whose single-use link arrives by email. */
export function ExportPanel() {
  const request = useRequestExport()
  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">Export your data</h2>
      <p>
        Everything you keep in Cashbook, as JSON and CSV files in one ZIP. We email you a link that
        works once, for 24 hours. One export a day.
      </p>
      {request.isSuccess ? (
        <Notice tone="success">Your export is being prepared; watch your inbox.</Notice>
      ) : null}
      {request.isError ? <Notice tone="error">{errorMessage(request.error)}</Notice> : null}
      <Button
        variant="secondary"
        busy={request.isPending}
        disabled={request.isSuccess}
        onClick={() => request.mutate()}
      >
        Email me an export
      </Button>
    </section>
  )
}

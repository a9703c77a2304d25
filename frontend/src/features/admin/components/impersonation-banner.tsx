import { useNavigate } from 'react-router'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { useCurrentImpersonation, useStopImpersonation } from '@/features/admin/api/admin'

/** Shown on every screen while an administrator acts as someone else. */
export function ImpersonationBanner() {
  const current = useCurrentImpersonation()
  const stop = useStopImpersonation()
  const navigate = useNavigate()
  const acting = current.data
  if (!acting) return null
  return (
    <div className="impersonation-banner" role="status">
      <span>
        You are acting as <strong>{acting.subject_email}</strong> until{' '}
        {new Date(acting.expires_at).toLocaleTimeString()} ({acting.reason}). Everything you do is
        recorded.
      </span>{' '}
      <Button
        variant="secondary"
        busy={stop.isPending}
        onClick={() => stop.mutate(undefined, { onSuccess: () => navigate('/admin') })}
      >
        Stop
      </Button>
      {stop.isError ? <Notice tone="error">{errorMessage(stop.error)}</Notice> : null}
    </div>
  )
}

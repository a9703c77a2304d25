import { useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useEffect } from 'react'
import { invalidate, LEDGER_KEYS, queryKeys } from '@/api/query-keys'
import { env } from '@/config/env'

/** What each kind of live event makes stale. */
const STALE: Record<string, readonly QueryKey[]> = {
  transactions: LEDGER_KEYS,
  notification: [queryKeys.notifications.all],
  goal: [queryKeys.goals.all],
}

/** Listens to the server's live events while signed in and refreshes what they touch. The
 * browser's EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed. */
export function useLiveEvents() {
  const queryClient = useQueryClient()
  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    const source = new EventSource(`${env.backendUrl}/events`, { withCredentials: true })
    for (const [kind, keys] of Object.entries(STALE)) {
      source.addEventListener(kind, () => {
        void invalidate(queryClient, keys)
      })
    }
    return () => source.close()
  }, [queryClient])
}

import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { env } from '@/config/env'

/** What each kind of live event makes stale. */
const STALE: Record<string, string[][]> = {
  transactions: [['transactions'], ['reports'], ['budgets'], ['accounts']],
  notification: [['notifications']],
  goal: [['goals']],
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
        for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey })
      })
    }
    return () => source.close()
  }, [queryClient])
}

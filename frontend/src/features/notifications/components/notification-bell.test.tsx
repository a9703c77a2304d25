import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { NotificationBell } from '@/features/notifications/components/notification-bell'
import { renderAt } from '@/test/render'
import { fakeApi } from '@/test/server'

const ALERT = {
  id: 'n1',
  kind: 'budget_exceeded',
  subject: 'c1',
  period: '2026-03',
  title: 'Food: over budget',
  body: 'Food has used 106 % of its budget.',
  created_at: '2026-03-14T10:00:00Z',
  read_at: null,
}

describe('NotificationBell', () => {
  it('shows the unread count, lists the notifications and marks them read', async () => {
    let unread = 1
    const { calls } = fakeApi({
      'GET /notifications/unread-count': () => ({ status: 200, body: { count: unread } }),
      'GET /notifications': { status: 200, body: [ALERT] },
      'POST /notifications/read': () => {
        unread = 0
        return { status: 204 }
      },
    })
    renderAt('/', [{ path: '/', element: <NotificationBell /> }])
    const bell = await screen.findByRole('button', { name: 'Notifications: 1 unread notification' })
    // An icon drawn in the page, not an emoji that needs an emoji font.
    expect(bell.querySelector('svg')).not.toBeNull()
    expect(bell.textContent).toBe('1')
    await userEvent.click(bell)
    expect(await screen.findByText('Food: over budget')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }))
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Notifications: 0 unread notifications' }),
      ).toBeInTheDocument(),
    )
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.body)).toEqual(['{}'])
  })
})

import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { SummaryPanel } from '@/features/notifications/components/summary-panel'
import { renderAt } from '@/test/render'
import { fakeApi } from '@/test/server'

const preference = (email: boolean) => ({
  kind: 'monthly_summary',
  in_app: false,
  email,
  threshold: null,
})

describe('SummaryPanel', () => {
  it('is off until the person asks for the email, then sends the choice', async () => {
    let chosen = false
    const { calls } = fakeApi({
      'GET /notifications/preferences': () => ({
        status: 200,
        body: [
          { kind: 'budget_warning', in_app: true, email: true, threshold: null },
          preference(chosen),
        ],
      }),
      'PUT /notifications/preferences/monthly_summary': () => {
        chosen = true
        return { status: 200, body: preference(true) }
      },
    })
    renderAt('/', [{ path: '/', element: <SummaryPanel /> }])
    const box = await screen.findByRole('checkbox', { name: 'Email me the monthly summary' })
    expect(box).not.toBeChecked()
    await userEvent.click(box)
    expect(await screen.findByText('Saved.')).toBeInTheDocument()
    expect(
      await screen.findByRole('checkbox', { name: 'Email me the monthly summary' }),
    ).toBeChecked()
    const puts = calls.filter((call) => call.method === 'PUT')
    expect(puts.map((call) => JSON.parse(call.body))).toEqual([{ in_app: false, email: true }])
  })
})

import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { BankConnections } from '@/features/banking/components/bank-connections'
import { renderAt } from '@/test/render'
import { fakeApi } from '@/test/server'

const PROVIDERS = [{ name: 'csas', display_name: 'Česká spořitelna', available: true, demo: true }]

function connection(overrides: Record<string, unknown> = {}) {
  return {
    id: 'c1',
    provider: 'csas',
    status: 'active',
    created_at: '2026-03-01T10:00:00Z',
    consented_at: '2026-03-01T10:00:00Z',
    accounts: [
      {
        account_id: 'a1',
        name: 'Osobní účet',
        currency: 'CZK',
        iban: 'CZ6508000000192000145399',
        last_booked_on: '2026-03-01',
        last_synced_at: '2026-03-01T10:01:00Z',
      },
    ],
    last_sync: {
      id: 'r1',
      trigger: 'first',
      status: 'succeeded',
      queued_at: '2026-03-01T10:00:00Z',
      started_at: '2026-03-01T10:00:01Z',
      finished_at: '2026-03-01T10:00:05Z',
      attempts: 1,
      fetched: 12,
      created: 12,
      updated: 0,
      skipped: 0,
      removed: 0,
      duration_ms: 4000,
      error_code: null,
      error: null,
    },
    last_success_at: '2026-03-01T10:00:05Z',
    last_error: null,
    next_sync_at: '2026-03-01T16:00:05Z',
    sync_interval_seconds: 21600,
    ...overrides,
  }
}

describe('BankConnections', () => {
  it('says when no bank is connected', async () => {
    fakeApi({
      'GET /bank/providers': { status: 200, body: PROVIDERS },
      'GET /bank/connections': { status: 200, body: [] },
    })
    renderAt('/', [{ path: '/', element: <BankConnections /> }])
    expect(await screen.findByText(/No bank connected/)).toBeInTheDocument()
    expect(
      screen.getByRole('button', { name: 'Connect Česká spořitelna (demo)' }),
    ).toBeInTheDocument()
  })

  it('lists a connection and syncs it on request', async () => {
    const { calls } = fakeApi({
      'GET /bank/providers': { status: 200, body: PROVIDERS },
      'GET /bank/connections': { status: 200, body: [connection()] },
      'POST /bank/connections/c1/sync': { status: 202, body: connection().last_sync },
    })
    renderAt('/', [{ path: '/', element: <BankConnections /> }])
    const card = await screen.findByRole('listitem', { name: /Bank connection Osobní účet/ })
    expect(within(card).getByText('Connected')).toBeInTheDocument()
    expect(within(card).getByText(/done, 12 new/)).toBeInTheDocument()
    await userEvent.click(within(card).getByRole('button', { name: 'Sync now' }))
    expect(calls.some((call) => call.method === 'POST' && call.path.endsWith('/sync'))).toBe(true)
  })

  it('asks for consent again when the bank wants it, and explains a removal', async () => {
    fakeApi({
      'GET /bank/providers': { status: 200, body: PROVIDERS },
      'GET /bank/connections': {
        status: 200,
        body: [
          connection({
            status: 'reauth_required',
            last_error: { code: 'BANK_REAUTH_REQUIRED', reason: 'The consent was revoked.' },
          }),
        ],
      },
    })
    renderAt('/', [{ path: '/', element: <BankConnections /> }])
    expect(await screen.findByRole('button', { name: 'Give consent again' })).toBeInTheDocument()
    expect(screen.getByText('The consent was revoked.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: /^Remove the connection/ }))
    expect(await screen.findByText(/transactions already fetched stay/)).toBeInTheDocument()
  })

  it('shows what the bank said on the way back', async () => {
    fakeApi({
      'GET /bank/providers': { status: 200, body: PROVIDERS },
      'GET /bank/connections': { status: 200, body: [] },
    })
    renderAt('/?bank_error=access_denied', [{ path: '/', element: <BankConnections /> }])
    expect(await screen.findByText(/did not work: Access denied\./)).toBeInTheDocument()
  })
})

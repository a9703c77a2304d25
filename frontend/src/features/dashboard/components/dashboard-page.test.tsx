import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Outlet } from 'react-router'
import { describe, expect, it } from 'vitest'
import { DashboardPage } from '@/features/dashboard/components/dashboard-page'
import { renderAt } from '@/test/render'
import { fakeApi, USER, type Call } from '@/test/server'

const ACCOUNTS = [
  {
    id: 'a1',
    name: 'Everyday',
    kind: 'bank',
    currency: 'CZK',
    iban: null,
    opening_balance: '0',
    balance: '1200.50',
    archived: false,
    created_at: '',
    updated_at: '',
  },
  {
    id: 'a2',
    name: 'Savings',
    kind: 'savings',
    currency: 'CZK',
    iban: null,
    opening_balance: '0',
    balance: '800.25',
    archived: false,
    created_at: '',
    updated_at: '',
  },
  {
    id: 'a3',
    name: 'Euro',
    kind: 'bank',
    currency: 'EUR',
    iban: null,
    opening_balance: '0',
    balance: '50.00',
    archived: false,
    created_at: '',
    updated_at: '',
  },
]
const report = { date_from: null, date_to: null, unconverted_currencies: [] }

function summary(call: Call) {
  const currency = call.query.get('currency') ?? 'CZK'
  const totals =
    currency === 'CZK'
      ? { income: '30000.00', expense: '-999.50', net: '29000.50' }
      : { income: '10.00', expense: '-4.00', net: '6.00' }
  return { status: 200, body: { ...report, currency, totals: [{ currency, count: 3, ...totals }] } }
}

const routes = [
  {
    path: '/',
    element: <Outlet context={USER} />,
    children: [{ index: true, element: <DashboardPage /> }],
  },
]

describe('DashboardPage', () => {
  it('shows the figures in the base currency and switches currency', async () => {
    const { calls } = fakeApi({
      'GET /accounts': { status: 200, body: ACCOUNTS },
      'GET /categories': { status: 200, body: [] },
      'GET /reports/summary': summary,
      'GET /reports/by-category': { status: 200, body: { ...report, currency: 'CZK', items: [] } },
      'GET /reports/by-month': {
        status: 200,
        body: { ...report, currency: 'CZK', split: 'none', items: [] },
      },
      'GET /reports/balance': {
        status: 200,
        body: { ...report, currency: 'CZK', interval: 'month', accounts: [], overall: [] },
      },
    })
    renderAt('/', routes)
    await waitFor(() => expect(screen.getByTestId('month-income')).toHaveTextContent('30,000.00'))
    expect(screen.getByTestId('month-net')).toHaveTextContent('29,000.50')
    // Net worth adds the CZK accounts only; the euro account is named as left out.
    expect(screen.getByTestId('net-worth')).toHaveTextContent('2,000.75')
    expect(screen.getByText(/not included: EUR/)).toBeInTheDocument()

    await userEvent.selectOptions(screen.getByLabelText('Currency'), 'EUR')
    await waitFor(() => expect(screen.getByTestId('month-income')).toHaveTextContent('10.00'))
    expect(screen.getByTestId('net-worth')).toHaveTextContent('50.00')
    expect(
      calls
        .filter((call) => call.path === '/reports/summary')
        .map((call) => call.query.get('currency')),
    ).toEqual(['CZK', 'EUR'])
  })

  it('welcomes a person who has no account yet', async () => {
    fakeApi({
      'GET /accounts': { status: 200, body: [] },
      'GET /categories': { status: 200, body: [] },
    })
    renderAt('/', routes)
    expect(await screen.findByText('Welcome to Cashbook.')).toBeInTheDocument()
  })
})

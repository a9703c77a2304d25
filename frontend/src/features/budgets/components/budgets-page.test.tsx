import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Outlet } from 'react-router'
import { describe, expect, it } from 'vitest'
import { BudgetsPage } from '@/features/budgets/components/budgets-page'
import { renderAt } from '@/test/render'
import { fakeApi, USER } from '@/test/server'

const FOOD = { id: 'c1', name: 'Food', kind: 'expense', colour: '#000000', parent_id: null }
const FUN = { id: 'c2', name: 'Fun', kind: 'expense', colour: '#000000', parent_id: null }
const groups = ['essentials', 'desires', 'savings'].map((group) => ({
  group,
  percent: null,
  planned: null,
  budgeted: '0.00',
  spent: '0.00',
}))

function month(amount: string, spent: string, percent: number, unconverted: string[] = []) {
  return {
    month: '2026-03',
    currency: 'CZK',
    items: [
      {
        category_id: 'c1',
        group: null,
        rollover: false,
        amount,
        carried: '0.00',
        available: amount,
        spent,
        remaining: (Number(amount) - Number(spent)).toFixed(2),
        percent,
      },
    ],
    groups,
    amount,
    available: amount,
    spent,
    remaining: (Number(amount) - Number(spent)).toFixed(2),
    unconverted_currencies: unconverted,
  }
}

const routes = [
  {
    path: '/',
    element: <Outlet context={USER} />,
    children: [{ path: 'budgets', element: <BudgetsPage /> }],
  },
]

describe('BudgetsPage', () => {
  it('shows spent against the budget and edits an amount in place', async () => {
    const { calls } = fakeApi({
      'GET /categories': { status: 200, body: [FOOD, FUN] },
      'GET /budgets/months/2026-03': { status: 200, body: month('1000.00', '850.00', 85) },
      'PUT /budgets/months/2026-03/categories/c1': {
        status: 200,
        body: month('2000.00', '850.00', 42),
      },
    })
    renderAt('/budgets?month=2026-03', routes)
    const bar = await screen.findByRole('progressbar', { name: /85 % of/ })
    expect(bar).toHaveAttribute('aria-valuenow', '85')
    expect(screen.getByText('Fun')).toBeInTheDocument() // offered for a budget

    await userEvent.click(
      screen.getByRole('button', { name: /^Edit the budget of Food: CZK\s1,000\.00$/ }),
    )
    const editor = screen.getByRole('textbox', { name: 'Edit the budget of Food' })
    await userEvent.clear(editor)
    await userEvent.type(editor, '2000{Enter}')
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: /42 % of/ })).toBeInTheDocument(),
    )
    const put = calls.find((call) => call.method === 'PUT')
    expect(JSON.parse(put?.body ?? '{}')).toEqual({ amount: '2000' })
  })
  it('names the currencies it could not count', async () => {
    fakeApi({
      'GET /categories': { status: 200, body: [FOOD, FUN] },
      'GET /budgets/months/2026-03': {
        status: 200,
        body: month('1000.00', '850.00', 85, ['EUR', 'JPY']),
      },
    })
    renderAt('/budgets?month=2026-03', routes)
    expect(
      await screen.findByText('Spending in EUR, JPY is not counted (no exchange rate yet).'),
    ).toBeInTheDocument()
  })
})

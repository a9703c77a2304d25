import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { TransactionsPage } from '@/features/transactions/components/transactions-page'
import { renderAt } from '@/test/render'
import { fakeApi, type Call } from '@/test/server'

const ACCOUNT = {
  id: 'a1',
  name: 'Everyday',
  kind: 'bank',
  currency: 'CZK',
  iban: null,
  opening_balance: '0',
  balance: '0',
  archived: false,
  created_at: '',
  updated_at: '',
}
const GROCERIES = {
  id: 'c1',
  name: 'Groceries',
  kind: 'expense',
  colour: '#f59e0b',
  parent_id: null,
  created_at: '',
  updated_at: '',
}

function transaction(id: string, description: string, amount: string) {
  return {
    id,
    account_id: 'a1',
    booked_on: '2026-03-02',
    value_on: null,
    amount,
    currency: 'CZK',
    original_amount: null,
    original_currency: null,
    description,
    counterparty_name: null,
    counterparty_account: null,
    note: null,
    category_id: null,
    tag_ids: [],
    parts: [] as { id: string; amount: string; category_id: string | null }[],
    source: 'manual',
    created_at: '',
    updated_at: '',
  }
}

function ledger(list: (call: Call) => { status: number; body?: unknown }) {
  return fakeApi({
    'GET /accounts': { status: 200, body: [ACCOUNT] },
    'GET /categories': { status: 200, body: [GROCERIES] },
    'GET /tags': { status: 200, body: [] },
    'GET /transactions': list,
    'PUT /transactions/t1/splits': (call) => ({
      status: 200,
      body: JSON.parse(call.body) as unknown,
    }),
    'GET /transactions/count': { status: 200, body: { count: 173 } },
    'POST /transactions/bulk-matching': (call) => ({
      status: 200,
      body: {
        action: 'set_category',
        count: (JSON.parse(call.body) as { expected_count: number }).expected_count,
      },
    }),
    'POST /transactions/bulk': (call) => ({
      status: 200,
      body: {
        action: 'set_category',
        count: (JSON.parse(call.body) as { ids: string[] }).ids.length,
        batch_id: 'b1',
      },
    }),
    'POST /transaction-batches/b1/undo': {
      status: 200,
      body: { batch_id: 'b2', undone: 1, skipped: ['t2'] },
    },
    'GET /transactions/t1/history': {
      status: 200,
      body: {
        items: [
          {
            version: 1,
            kind: 'create',
            created_at: '2026-03-02T10:00:00Z',
            actor: 'person',
            actor_id: 'u1',
            batch_id: 'b0',
            changes: [{ field: 'amount', old: null, new: -10000 }],
            decryption_failed: false,
          },
          {
            version: 2,
            kind: 'edit',
            created_at: '2026-03-03T10:00:00Z',
            actor: 'admin',
            actor_id: 'u2',
            batch_id: 'b3',
            changes: [
              { field: 'amount', old: -10000, new: -12000 },
              { field: 'category_id', old: null, new: 'c1' },
            ],
            decryption_failed: false,
          },
        ],
        next_after: null,
      },
    },
  })
}

const routes = [{ path: '/transactions', element: <TransactionsPage /> }]

describe('TransactionsPage', () => {
  it('says so when there is nothing yet', async () => {
    ledger(() => ({ status: 200, body: { items: [], next_cursor: null } }))
    renderAt('/transactions', routes)
    expect(await screen.findByText('No transactions yet.')).toBeInTheDocument()
  })

  it('chooses the first account in a form opened before the accounts arrived', async () => {
    ledger(() => ({ status: 200, body: { items: [], next_cursor: null } }))
    renderAt('/transactions', routes)
    // At once, as on a fresh page load: the accounts are still on their way.
    fireEvent.click(screen.getByRole('button', { name: 'Add transaction' }))
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByRole('status')).toBeInTheDocument()
    expect(await within(dialog).findByRole('combobox', { name: 'Account' })).toHaveValue('a1')
  })

  it('shows a load error with a retry', async () => {
    ledger(() => ({ status: 500, body: { detail: 'INTERNAL_ERROR' } }))
    renderAt('/transactions', routes)
    expect(
      await screen.findByText('Something went wrong on the server. Please try again.'),
    ).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })

  it('categorises the selected transactions in one request', async () => {
    const { calls } = ledger(() => ({
      status: 200,
      body: {
        items: [
          transaction('t1', 'Bakery', '-120.00'),
          transaction('t2', 'Tesco', '-879.50'),
          transaction('t3', 'Salary', '30000.00'),
        ],
        next_cursor: null,
      },
    }))
    renderAt('/transactions', routes)
    await userEvent.click(await screen.findByLabelText('Select Bakery'))
    await userEvent.click(screen.getByLabelText('Select Tesco'))
    const bar = screen.getByRole('region', { name: 'Change the selected transactions' })
    expect(within(bar).getByText('2 selected')).toBeInTheDocument()
    await userEvent.selectOptions(
      within(bar).getByLabelText('Category for the selected'),
      'Groceries',
    )
    await userEvent.click(within(bar).getByRole('button', { name: 'Categorise' }))
    expect(await screen.findByText('Categorised 2 transactions.')).toBeInTheDocument()
    const bulk = calls.find((call) => call.path === '/transactions/bulk')
    expect(JSON.parse(bulk?.body ?? '{}')).toEqual({
      ids: ['t1', 't2'],
      action: 'set_category',
      category_id: 'c1',
    })
    // The action can be undone as one batch; what changed since is reported.
    await userEvent.click(within(bar).getByRole('button', { name: 'Undo' }))
    expect(
      await screen.findByText(
        'Undone for 1 transaction. 1 changed again since was left as it is.',
        { exact: false },
      ),
    ).toBeInTheDocument()
    expect(calls.some((call) => call.path === '/transaction-batches/b1/undo')).toBe(true)
  })

  it("shows a transaction's history beside its form", async () => {
    ledger(() => ({
      status: 200,
      body: { items: [transaction('t1', 'Bakery', '-120.00')], next_cursor: null },
    }))
    renderAt('/transactions', routes)
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Bakery' }))
    const section = await screen.findByRole('region', { name: 'History' })
    expect(within(section).getByText('Created')).toBeInTheDocument()
    expect(within(section).getByText(/by an administrator acting for you/)).toBeInTheDocument()
    const lines = within(section)
      .getAllByRole('listitem')
      .map((item) => item.textContent ?? '')
    expect(lines).toContainEqual(expect.stringMatching(/^Amount: -CZK\s100\.00 → -CZK\s120\.00$/))
    expect(lines).toContainEqual(expect.stringMatching(/^Category: \(empty\) → Groceries$/))
  })

  it('splits a transaction into parts that add up to it, and shows a split as one', async () => {
    const split = {
      ...transaction('t2', 'Hypermarket', '-1000.00'),
      parts: [
        { id: 'p1', amount: '-700.00', category_id: 'c1' },
        { id: 'p2', amount: '-300.00', category_id: null },
      ],
    }
    const { calls } = ledger(() => ({
      status: 200,
      body: { items: [transaction('t1', 'Tesco', '-879.50'), split], next_cursor: null },
    }))
    renderAt('/transactions', routes)
    expect(await screen.findByText('Split in 2 parts')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Edit Tesco' }))
    const editor = screen.getByRole('form', { name: 'Split into parts' })
    const amounts = within(editor).getAllByLabelText('Amount of this part')
    expect(amounts.map((input) => (input as HTMLInputElement).value)).toEqual(['879.50', ''])
    const [first, second] = amounts as [HTMLElement, HTMLElement]
    await userEvent.clear(first)
    await userEvent.type(first, '800')
    await userEvent.type(second, '50')
    expect(within(editor).getByRole('status')).toHaveTextContent('left to assign')
    const save = within(editor).getByRole('button', { name: 'Save the split' })
    expect(save).toBeDisabled()
    await userEvent.clear(second)
    await userEvent.type(second, '79,50')
    const [category] = within(editor).getAllByLabelText('Category') as [HTMLElement]
    await userEvent.selectOptions(category, 'Groceries')
    expect(within(editor).getByRole('status')).toHaveTextContent('The parts add up to the whole.')
    await userEvent.click(save)
    await waitFor(() => {
      const put = calls.find((call) => call.path === '/transactions/t1/splits')
      expect(JSON.parse(put?.body ?? '{}')).toEqual({
        parts: [
          { amount: '-800.00', category_id: 'c1', tag_ids: [], note: null },
          { amount: '-79.50', category_id: null, tag_ids: [], note: null },
        ],
      })
    })
  })

  it('offers every match of the filters beyond the loaded page, with the count confirmed', async () => {
    const { calls } = ledger(() => ({
      status: 200,
      body: {
        items: [transaction('t1', 'Albert', '-120.00'), transaction('t2', 'Albert', '-80.00')],
        next_cursor: 'more',
      },
    }))
    renderAt('/transactions?q=albert', routes)
    await userEvent.click(await screen.findByLabelText('Select all shown'))
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Select all 173 transactions matching these filters',
      }),
    )
    const bar = screen.getByRole('region', { name: 'Change the selected transactions' })
    expect(within(bar).getByText('All 173 matching transactions selected')).toBeInTheDocument()
    await userEvent.selectOptions(
      within(bar).getByLabelText('Category for the selected'),
      'Groceries',
    )
    await userEvent.click(within(bar).getByRole('button', { name: 'Categorise' }))
    expect(await screen.findByText('Categorised 173 transactions.')).toBeInTheDocument()
    const bulk = calls.find((call) => call.path === '/transactions/bulk-matching')
    expect(JSON.parse(bulk?.body ?? '{}')).toEqual({
      filters: { q: 'albert' },
      expected_count: 173,
      action: 'set_category',
      category_id: 'c1',
    })
    expect(calls.find((call) => call.path === '/transactions/count')?.query.get('q')).toBe('albert')
  })

  it('turns the filters into query parameters, the search after a pause', async () => {
    const { calls } = ledger(() => ({ status: 200, body: { items: [], next_cursor: null } }))
    renderAt('/transactions', routes)
    await screen.findByText('No transactions yet.')
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'expense')
    await userEvent.selectOptions(screen.getByLabelText('Category'), 'Uncategorised')
    await userEvent.type(screen.getByLabelText('Search'), 'tesco')
    await waitFor(() => {
      const last = calls.filter((call) => call.path === '/transactions').at(-1)
      expect(last?.query.get('q')).toBe('tesco')
      expect(last?.query.get('type')).toBe('expense')
      expect(last?.query.get('category_id')).toBe('none')
    })
  })
})

import { render, screen } from '@testing-library/react'
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import type { Account } from '@/api/ledger-types'
import { Reconciliation } from '@/features/money/components/reconciliation'
import { TransferPill } from '@/features/money/components/transfer-pill'

const account = {
  id: 'a1',
  name: 'Current',
  kind: 'bank',
  currency: 'CZK',
  iban: null,
  number: null,
  opening_balance: '0.00',
  balance: '28185.10',
  archived: false,
  created_at: '2026-03-01T00:00:00Z',
  updated_at: '2026-03-01T00:00:00Z',
  reconciliation: {
    state: 'differs',
    source: 'statement',
    checked_on: '2024-03-05',
    stated: '43415.50',
    ledger: '28185.10',
    difference: '-15230.40',
  },
} satisfies Account

describe('money figures', () => {
  it('says by how much and since which statement an account differs', () => {
    render(<Reconciliation account={account} />)
    expect(screen.getByRole('status')).toHaveTextContent(
      /Differs by .*15,230\.40 from the statement balance of/,
    )
  })

  it('says an account matches its bank, in Czech too', async () => {
    await i18next.changeLanguage('cs')
    const matching = {
      ...account,
      reconciliation: { ...account.reconciliation, state: 'matches', source: 'bank' },
    } satisfies Account
    render(<Reconciliation account={matching} />)
    expect(screen.getByRole('status')).toHaveTextContent('Souhlasí se zůstatkem z banky')
  })

  it('shows nothing before any balance was stated, and marks transfers', () => {
    const { container } = render(<Reconciliation account={{ ...account, reconciliation: null }} />)
    expect(container).toBeEmptyDOMElement()
    render(<TransferPill />)
    expect(screen.getByText(/Transfer/)).toBeInTheDocument()
  })
})

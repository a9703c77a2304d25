import { useTranslation } from 'react-i18next'
import type { Account } from '@/api/ledger-types'
import { useFormat } from '@/i18n/use-format'

/** How the account's ledger compares with the newest balance its bank or a statement stated. */
export function Reconciliation({ account }: { account: Account }) {
  const { t } = useTranslation('money')
  const format = useFormat()
  const state = account.reconciliation
  if (!state) return null
  const values = {
    source: t(`reconciliation.source.${state.source}`),
    date: format.date(state.checked_on),
    difference: format.money(state.difference, account.currency),
  }
  return (
    <p className={`muted reconciliation ${state.state}`} role="status">
      {state.state === 'matches'
        ? `✓ ${t('reconciliation.matches', values)}`
        : `⚠ ${t('reconciliation.differs', values)}`}
    </p>
  )
}

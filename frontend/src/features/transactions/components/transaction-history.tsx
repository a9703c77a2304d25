import { useTranslation } from 'react-i18next'
import type { Category, Tag, Transaction, Version } from '@/api/ledger-types'
import { Button } from '@/components/ui/button'
import { ErrorState, Loading } from '@/components/ui/states'
import { useTransactionHistory } from '@/features/transactions/api/history'
import { formatDate, formatDateTime, formatMoney } from '@/i18n/format'
import { currentLanguage, translateDynamic } from '@/i18n/setup'
import { minorToDecimal } from '@/lib/money'

type Value = Version['changes'][number]['old']

interface Props {
  transaction: Transaction
  categories: Category[]
  tags: Tag[]
}

/** Every change of a transaction, oldest first: what changed, from what to what, who did it. */
export function TransactionHistory({ transaction, categories, tags }: Props) {
  const { t } = useTranslation('transactions')
  const history = useTransactionHistory(transaction.id)
  const language = currentLanguage()
  const names = new Map([...categories, ...tags].map((item) => [item.id, item.name]))

  const show = (field: string, value: Value, version: Version): string => {
    if (value === null) return t('history.empty')
    if (Array.isArray(value)) return value.map((id) => names.get(id) ?? id).join(', ')
    if (field === 'amount' || field === 'original_amount') {
      const currencyField = field === 'amount' ? 'currency' : 'original_currency'
      const change = version.changes.find((c) => c.field === currencyField)
      const currency = String(change?.new ?? transaction[currencyField] ?? transaction.currency)
      return formatMoney(minorToDecimal(Number(value), currency), currency, language)
    }
    if (field === 'booked_on' || field === 'value_on') return formatDate(String(value), language)
    if (field === 'deleted_at' || field === 'purged_at') {
      return formatDateTime(String(value), language)
    }
    return names.get(String(value)) ?? String(value)
  }

  if (history.isPending) return <Loading label={t('history.loading')} />
  if (history.isError) return <ErrorState error={history.error} onRetry={() => history.refetch()} />
  const versions = history.data.pages.flatMap((page) => page.items)
  return (
    <section aria-labelledby="history-title" className="history">
      <h3 id="history-title">{t('history.title')}</h3>
      <ol className="history-list">
        {versions.map((version) => (
          <li key={version.version}>
            <p>
              <strong>{t(`history.kind.${version.kind}`)}</strong>{' '}
              <span>
                {formatDateTime(version.created_at, language)} ·{' '}
                {t(`history.actor.${version.actor}`)}
              </span>
            </p>
            {version.decryption_failed ? <p>{t('history.decryptionFailed')}</p> : null}
            {version.kind !== 'create' && version.changes.length > 0 ? (
              <ul>
                {version.changes.map((change) => (
                  <li key={change.field}>
                    {translateDynamic([`transactions:history.field.${change.field}`]) ??
                      change.field}
                    : {show(change.field, change.old, version)} →{' '}
                    {show(change.field, change.new, version)}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {history.hasNextPage ? (
        <Button
          variant="secondary"
          busy={history.isFetchingNextPage}
          onClick={() => history.fetchNextPage()}
        >
          {t('history.more')}
        </Button>
      ) : null}
    </section>
  )
}

import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Progress } from '@/components/ui/progress'
import { useBudgetMonth } from '@/features/budgets/api/budgets'
import { useFormat } from '@/i18n/use-format'

function thisMonth(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
}

/** The dashboard's card: this month's spending against the whole budget. */
export function BudgetCard() {
  const { t } = useTranslation('budgets')
  const format = useFormat()
  const query = useBudgetMonth(thisMonth())
  const data = query.data
  const available = Number(data?.available ?? 0)
  const percent = available > 0 ? Math.floor((Number(data?.spent ?? 0) * 100) / available) : null
  return (
    <section className="panel card" aria-label={t('card')}>
      <h2>
        <Link to="/budgets">{t('card')}</Link>
      </h2>
      {data && data.items.length > 0 ? (
        <>
          <Progress
            percent={percent}
            label={t('percentOf', {
              percent: percent ?? 0,
              amount: format.money(data.available, data.currency),
            })}
          />
          <p>
            {t('spent')} {format.money(data.spent, data.currency)} · {t('remaining')}{' '}
            {format.money(data.remaining, data.currency)}
          </p>
        </>
      ) : (
        <p className="muted">{t('noBudgets')}</p>
      )}
    </section>
  )
}

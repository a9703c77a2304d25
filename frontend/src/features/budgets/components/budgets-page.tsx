import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { errorMessage } from '@/api/errors'
import { useCategories } from '@/api/ledger'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { Progress } from '@/components/ui/progress'
import { EmptyState, ErrorState, Loading } from '@/components/ui/states'
import { useFormat } from '@/i18n/use-format'
import {
  useBudgetMonth,
  useCopyBudgets,
  useSetBudget,
  type BudgetLine,
} from '@/features/budgets/api/budgets'

function thisMonth(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
}

function AmountEditor({
  line,
  name,
  month,
  currency,
}: {
  line: Pick<BudgetLine, 'category_id' | 'amount'>
  name: string
  month: string
  currency: string
}) {
  const { t } = useTranslation('budgets')
  const format = useFormat()
  const save = useSetBudget(month)
  const [draft, setDraft] = useState<string | null>(null)
  if (draft === null) {
    return (
      // The name says what the button does and, as WCAG's "label in name" asks, the amount shown.
      <Button variant="ghost" onClick={() => setDraft(line.amount)}>
        <span className="sr-only">{t('edit', { name })}: </span>
        {format.money(line.amount, currency)}
      </Button>
    )
  }
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate(
          { categoryId: line.category_id, amount: draft },
          { onSuccess: () => setDraft(null) },
        )
      }}
    >
      <input
        aria-label={t('edit', { name })}
        inputMode="decimal"
        value={draft}
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && setDraft(null)}
      />
      <Button type="submit" busy={save.isPending}>
        {t('save')}
      </Button>
      {save.isError ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
    </form>
  )
}

export function BudgetsPage() {
  const { t } = useTranslation('budgets')
  const format = useFormat()
  const [params, setParams] = useSearchParams()
  const month = params.get('month') ?? thisMonth()
  const setMonth = (value: string) => setParams({ month: value }, { replace: true })
  const query = useBudgetMonth(month)
  const categories = useCategories()
  const copy = useCopyBudgets(month)
  const names = new Map((categories.data ?? []).map((c) => [c.id, c.name]))
  const data = query.data
  const shown = new Set(data?.items.map((item) => item.category_id))
  const unbudgeted = (categories.data ?? []).filter((c) => c.kind === 'expense' && !shown.has(c.id))
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <div className="toolbar">
        <label>
          {t('month')}{' '}
          <input
            type="month"
            value={month}
            onChange={(e) => e.target.value && setMonth(e.target.value)}
          />
        </label>
        <Button variant="secondary" busy={copy.isPending} onClick={() => copy.mutate('previous')}>
          {t('copyPrevious')}
        </Button>
        <Button variant="secondary" busy={copy.isPending} onClick={() => copy.mutate('average')}>
          {t('copyAverage')}
        </Button>
      </div>
      {copy.isError ? <Notice tone="error">{errorMessage(copy.error)}</Notice> : null}
      {query.isPending ? <Loading /> : null}
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      {data?.unconverted_currencies.length ? (
        <p className="muted small">
          {t('unconverted', { currencies: data.unconverted_currencies.join(', ') })}
        </p>
      ) : null}
      {data && data.items.length === 0 ? (
        <EmptyState title={t('noBudgets')}>{t('noBudgetsHint')}</EmptyState>
      ) : null}
      {data && data.items.length > 0 ? (
        <>
          <section className="budget-groups" aria-label={t('total')}>
            {data.groups.map((group) => (
              <div key={group.group} className="card">
                <h2>{t(`groups.${group.group}`)}</h2>
                <p>
                  {t('spent')} {format.money(group.spent, data.currency)}
                  {group.planned !== null
                    ? ` · ${t('groups.planned', { amount: format.money(group.planned, data.currency) })}`
                    : ''}
                </p>
              </div>
            ))}
          </section>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('category')}</th>
                <th scope="col">{t('budgeted')}</th>
                <th scope="col">{t('spent')}</th>
                <th scope="col">{t('remaining')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((line) => {
                const name = names.get(line.category_id) ?? '—'
                return (
                  <tr key={line.category_id}>
                    <th scope="row">
                      {name}
                      <Progress
                        percent={line.percent}
                        label={t('percentOf', {
                          percent: line.percent ?? 0,
                          amount: format.money(line.available, data.currency),
                        })}
                      />
                    </th>
                    <td>
                      <AmountEditor
                        line={line}
                        name={name}
                        month={month}
                        currency={data.currency}
                      />
                      {Number(line.carried) !== 0 ? (
                        <small className="muted">
                          {' '}
                          {t('carried')} {format.money(line.carried, data.currency)}
                        </small>
                      ) : null}
                    </td>
                    <td>{format.money(line.spent, data.currency)}</td>
                    <td>{format.money(line.remaining, data.currency)}</td>
                  </tr>
                )
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('total')}</th>
                <td>{format.money(data.available, data.currency)}</td>
                <td>{format.money(data.spent, data.currency)}</td>
                <td>{format.money(data.remaining, data.currency)}</td>
              </tr>
            </tfoot>
          </table>
        </>
      ) : null}
      {data && unbudgeted.length > 0 ? (
        <section>
          <h2>{t('addBudget')}</h2>
          <ul className="plain-list">
            {unbudgeted.map((category) => (
              <li key={category.id}>
                {category.name}{' '}
                <AmountEditor
                  line={{ category_id: category.id, amount: '0' }}
                  name={category.name}
                  month={month}
                  currency={data.currency}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

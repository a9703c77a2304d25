import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Account, Category, Tag } from '@/api/ledger-types'
import { Button } from '@/components/ui/button'
import { NamedOptions, SelectField, TextField } from '@/components/ui/field'
import { FILTER_KEYS, type FilterKey, type Filters } from '@/features/transactions/api/transactions'
import { useFormat } from '@/i18n/use-format'

interface Props {
  filters: Filters
  onChange: (filters: Filters) => void
  accounts: Account[]
  categories: Category[]
  tags: Tag[]
}

const MORE = FILTER_KEYS.filter((key) => key !== 'q' && key !== 'sort')
const TEXT_KEYS = ['q', 'amount_min', 'amount_max'] as const

/**
 * One compact bar (search, sort, a folded panel of filters) with a removable chip per filter in
 * use. Dates, selects and type apply at once; typed text applies after a short pause.
 */
export function TransactionFilters({ filters, onChange, accounts, categories, tags }: Props) {
  const { t } = useTranslation('transactions')
  const format = useFormat()
  const [text, setText] = useState({
    q: filters.q ?? '',
    amount_min: filters.amount_min ?? '',
    amount_max: filters.amount_max ?? '',
  })

  useEffect(() => {
    const timer = setTimeout(() => {
      const changed = TEXT_KEYS.some((key) => (filters[key] ?? '') !== text[key].trim())
      if (changed)
        onChange({
          ...filters,
          q: text.q.trim(),
          amount_min: text.amount_min.trim(),
          amount_max: text.amount_max.trim(),
        })
    }, 350)
    return () => clearTimeout(timer)
  }, [text, filters, onChange])

  const set = (key: FilterKey) => (event: { target: { value: string } }) =>
    onChange({ ...filters, [key]: event.target.value })
  const remove = (key: FilterKey) => {
    if (key === 'amount_min' || key === 'amount_max') setText({ ...text, [key]: '' })
    onChange({ ...filters, [key]: '' })
  }
  const inUse = MORE.filter((key) => filters[key])
  const named = (rows: { id: string; name: string }[], id: string) =>
    rows.find((row) => row.id === id)?.name ?? id

  const chip = (key: FilterKey, value: string): string => {
    switch (key) {
      case 'date_from':
        return `${t('filters.from')} ${format.date(value)}`
      case 'date_to':
        return `${t('filters.to')} ${format.date(value)}`
      case 'account_id':
        return named(accounts, value)
      case 'category_id':
        return value === 'none' ? t('uncategorised') : named(categories, value)
      case 'tag_id':
        return `#${named(tags, value)}`
      case 'type':
        return value === 'income' ? t('filters.income') : t('filters.expense')
      case 'amount_min':
        return `${t('filters.amountFrom')} ${value}`
      case 'amount_max':
        return `${t('filters.amountTo')} ${value}`
      default:
        return value
    }
  }

  return (
    <form
      className="filters panel"
      role="search"
      aria-label={t('filters.label')}
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="filter-bar">
        <TextField
          label={t('filters.search')}
          type="search"
          placeholder={t('filters.searchPlaceholder')}
          value={text.q}
          onChange={(event) => setText({ ...text, q: event.target.value })}
        />
        <SelectField
          label={t('filters.sort')}
          value={filters.sort ?? '-booked_on'}
          onChange={set('sort')}
        >
          <option value="-booked_on">{t('filters.newest')}</option>
          <option value="booked_on">{t('filters.oldest')}</option>
          <option value="amount">{t('filters.largestExpense')}</option>
          <option value="-amount">{t('filters.largestIncome')}</option>
        </SelectField>
      </div>
      <details className="more-filters">
        <summary>
          {t('filters.more')}
          {inUse.length ? ` (${inUse.length})` : ''}
        </summary>
        <div className="filter-grid">
          <TextField
            label={t('filters.from')}
            type="date"
            value={filters.date_from ?? ''}
            onChange={set('date_from')}
          />
          <TextField
            label={t('filters.to')}
            type="date"
            value={filters.date_to ?? ''}
            onChange={set('date_to')}
          />
          <SelectField
            label={t('filters.account')}
            value={filters.account_id ?? ''}
            onChange={set('account_id')}
          >
            <option value="">{t('filters.allAccounts')}</option>
            <NamedOptions items={accounts} />
          </SelectField>
          <SelectField
            label={t('filters.category')}
            value={filters.category_id ?? ''}
            onChange={set('category_id')}
          >
            <option value="">{t('filters.allCategories')}</option>
            <option value="none">{t('uncategorised')}</option>
            <NamedOptions items={categories} />
          </SelectField>
          <SelectField
            label={t('filters.tag')}
            value={filters.tag_id ?? ''}
            onChange={set('tag_id')}
          >
            <option value="">{t('filters.allTags')}</option>
            <NamedOptions items={tags} />
          </SelectField>
          <SelectField label={t('filters.type')} value={filters.type ?? ''} onChange={set('type')}>
            <option value="">{t('filters.anyType')}</option>
            <option value="income">{t('filters.income')}</option>
            <option value="expense">{t('filters.expense')}</option>
          </SelectField>
          <TextField
            label={t('filters.amountFrom')}
            inputMode="decimal"
            placeholder="-500"
            value={text.amount_min}
            onChange={(event) => setText({ ...text, amount_min: event.target.value })}
          />
          <TextField
            label={t('filters.amountTo')}
            inputMode="decimal"
            placeholder="0"
            value={text.amount_max}
            onChange={(event) => setText({ ...text, amount_max: event.target.value })}
          />
        </div>
      </details>
      {inUse.length || filters.q ? (
        <ul className="chips" aria-label={t('filters.active')}>
          {inUse.map((key) => {
            const label = chip(key, filters[key] ?? '')
            return (
              <li key={key}>
                <button
                  type="button"
                  className="chip"
                  aria-label={t('filters.remove', { filter: label })}
                  onClick={() => remove(key)}
                >
                  {label} <span aria-hidden="true">×</span>
                </button>
              </li>
            )
          })}
          <li>
            <Button
              variant="ghost"
              onClick={() => {
                setText({ q: '', amount_min: '', amount_max: '' })
                onChange({})
              }}
            >
              {t('filters.clear')}
            </Button>
          </li>
        </ul>
      ) : null}
    </form>
  )
}
